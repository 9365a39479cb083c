import { type Response, Router } from 'express';
import { OPERATIONAL_PATHS } from '../config/services';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

/** One dependency the service cannot serve without: resolves when usable, rejects when not. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

const CHECK_TIMEOUT_MS = 2000;

const within = (work: Promise<unknown>, ms: number): Promise<unknown> =>
  Promise.race([
    work,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

/** Set when the service has been told to stop: readiness fails at once, so that no new work is sent. */
export interface ServiceState {
  draining: boolean;
}

/**
 * `GET /livez` (the process answers: restart it if not), `GET /readyz` (every dependency usable: send it
 * traffic; 503 naming the failed checks otherwise, or while draining), `GET /health` (= livez, for older
 * probes) and `GET /metrics` (Prometheus text format). No personal data, no authentication.
 */
export function operationalRoutes(options: {
  service: string;
  metrics: Metrics;
  checks: ReadinessChecks;
  state: ServiceState;
  log: Logger;
}): Router {
  const router = Router();
  const live = (_req: unknown, res: Response) => {
    res.json({ status: 'ok', service: options.service });
  };
  router.get(OPERATIONAL_PATHS.live, live);
  router.get('/health', live);
  router.get(OPERATIONAL_PATHS.ready, async (_req, res) => {
    const results = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        try {
          await within(check(), CHECK_TIMEOUT_MS);
          return [name, 'ok'] as const;
        } catch (error) {
          options.log.warn({ check: name, err: error }, 'readiness check failed');
          return [name, 'failed'] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ready = !options.state.draining && results.every(([, result]) => result === 'ok');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : options.state.draining ? 'draining' : 'not ready',
      service: options.service,
      checks,
    });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.render());
  });
  return router;
}
