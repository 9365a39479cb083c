import type { DataSource } from 'typeorm';
import type { Logger, Metrics, ServiceKeys } from '@hub/shared';
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
  witnessVkey: process.env.HUB_WITNESS_VKEY || undefined,
  intervalMs: Number(process.env.HUB_AUDIT_SEQUENCE_MS ?? 200),
});

let verifierKeys: LogVerifierKeys | null = null;
/** The keys verification trusts (loaded once per process). */
export function verificationKeys(): LogVerifierKeys {
  const config = logConfig();
  verifierKeys ??= logVerifierKeys(config.keysDir, config.witnessVkey);
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
