import type { Logger } from '../observability/logger';

/** What a subgraph did before it listened: the demo caseload it loaded, and in how long (the benchmark prints it). */
export interface StartFacts {
  demoSeeded?: { victims: number; ms: number };
}

/** Tells the launcher that started this service (if any) where it listens. */
export function announceListening(url: string, port: number, facts: StartFacts = {}): void {
  process.send?.({ type: 'listening', url, port, ...facts });
}

/**
 * Stops a service cleanly on SIGTERM or SIGINT, and — when a launcher started it — when the launcher's
 * IPC channel closes, so that no service outlives the hub that started it.
 */
export function handleShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping');
    try {
      await stop();
    } catch (error) {
      log.error({ err: error }, 'error while stopping');
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  if (process.env.HUB_EXIT_WITH_PARENT && process.send) {
    process.once('disconnect', () => void shutdown('launcher exited'));
  }
}
