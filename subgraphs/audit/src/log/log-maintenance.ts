import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Logger, type Metrics, type ServiceKeys, asBackgroundWork } from '@hub/shared';
import { trustedPublicKeys } from '@hub/shared/src/audit/record-form';
import { Sequencer } from './sequencer';
import { WitnessClient } from './witness-client';

/**
 * The audit service's background work: integrate pending records every `intervalMs` (a batch per tick while
 * records wait), hand the newest head to the witness, and keep next month's partition ready.
 */
export function startLogMaintenance(
  dataSource: DataSource,
  keys: ServiceKeys,
  metrics: Metrics,
  log: Logger,
  options: { intervalMs: number; keysDir: string; witnessUrl: string | undefined },
): { stop: () => void; tick: () => Promise<void> } {
  const sequencer = new Sequencer(dataSource, keys.signingKey as KeyObject, trustedPublicKeys(options.keysDir), log, metrics);
  const witness = options.witnessUrl ? new WitnessClient(options.witnessUrl, dataSource, log, metrics) : null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let lastPartitionCheck = 0;
  // One pass at a time; a tick asked for during a pass runs right after it (and its caller waits for that).
  const tick = async (): Promise<void> => {
    if (running) {
      again = true;
      await running;
      if (again) {
        again = false;
        return tick();
      }
      return;
    }
    running = asBackgroundWork(pass);
    try {
      await running;
    } finally {
      running = null;
    }
  };
  const pass = async (): Promise<void> => {
    if (stopped) return;
    try {
      if (Date.now() - lastPartitionCheck > 60_000) {
        await dataSource.query(`SELECT audit_ensure_month_partition((now() + interval '1 month')::date)`);
        lastPartitionCheck = Date.now();
      }
      // Batch after batch while records wait; the witness is handed the newest head after each (without waiting
      // for it, so that a slow witness never delays integration).
      for (let head = await sequencer.integrate(); head && !stopped; head = await sequencer.integrate()) {
        log.debug({ size: head.size }, 'tree head signed');
        if (witness) void witness.submit(head);
      }
      if (witness) {
        const [latest] = (await dataSource.query(
          `SELECT h.size::text AS size, h.root, h.checkpoint FROM (SELECT * FROM audit_tree_head ORDER BY size DESC LIMIT 1) h
            WHERE NOT EXISTS (SELECT 1 FROM audit_head_cosignature c WHERE c.size = h.size)`,
        )) as { size: string; root: Buffer; checkpoint: string }[];
        if (latest) await witness.submit({ size: Number(latest.size), root: latest.root, note: latest.checkpoint });
      }
    } catch (error) {
      log.warn({ err: error }, 'access-log integration failed; retrying');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return {
    tick,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
