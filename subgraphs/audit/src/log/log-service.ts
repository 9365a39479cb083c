import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { type Logger, type Metrics, type ServiceKeys, serviceFetch } from '@hub/shared';
import { type LogVerifierKeys, logVerifierKeys } from './log-keys';
import { startLogMaintenance } from './log-maintenance';

/** The audit service's log settings, from its environment (see `subgraphOwnEnvironment` in shared config). */
export interface LogConfig {
  keysDir: string;
  witnessUrl: string | undefined;
  witnessVkey: string | undefined;
  intervalMs: number;
}

export const logConfig = (): LogConfig => ({
  keysDir: process.env.HUB_KEYS_DIR ?? '',
  witnessUrl: process.env.HUB_WITNESS_URL || undefined,
  witnessVkey: process.env.HUB_WITNESS_VKEY || (process.env.HUB_WITNESS_VKEY_FILE ? readFileSync(process.env.HUB_WITNESS_VKEY_FILE, 'utf8').trim() : undefined),
  intervalMs: Number(process.env.HUB_AUDIT_SEQUENCE_MS ?? 200),
});

let verifierKeys: Promise<LogVerifierKeys> | null = null;
/**
 * The keys verification trusts (loaded once per process). The witness's key is HUB_WITNESS_VKEY (or the file
 * HUB_WITNESS_VKEY_FILE, as compose and Kubernetes pin it); when only its URL is configured, it is asked of the
 * witness once (trust on first use: for a laptop, never for production).
 */
export function verificationKeys(): Promise<LogVerifierKeys> {
  verifierKeys ??= (async () => {
    const config = logConfig();
    let vkey = config.witnessVkey;
    if (!vkey && config.witnessUrl) vkey = (await (await serviceFetch(`${config.witnessUrl}/vkey`, { timeoutMs: 5000 })).text()).trim();
    return logVerifierKeys(config.keysDir, vkey);
  })().catch((error: unknown) => {
    verifierKeys = null;
    throw error;
  });
  return verifierKeys;
}

let integrateNow: (() => Promise<void>) | null = null;

/** Starts the sequencer and witness hand-over (the audit subgraph's background work). */
export function startLogService(deps: { dataSource: DataSource; keys: ServiceKeys; metrics: Metrics; log: Logger }): () => void {
  const config = logConfig();
  const service = startLogMaintenance(deps.dataSource, deps.keys, deps.metrics, deps.log, config);
  integrateNow = service.tick;
  return service.stop;
}

/** Integrates what is pending now (e.g. a review the caller waits to see); a no-op before the service runs. */
export const integratePending = (): Promise<void> => (integrateNow ? integrateNow() : Promise.resolve());
