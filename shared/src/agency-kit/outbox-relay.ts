import type { DataSource } from 'typeorm';
import type { ServiceKeys } from '../auth/service-keys';
import type { SupportEventKind } from '../domain/enums';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { CoordinationClient, CoordinationRefusal } from '../subgraph/coordination-client';
import type { OutboxRow } from './support-event-outbox';

const BATCH = 100;
const DEFAULT_INTERVAL_MS = 1000;

/**
 * Delivers committed support events from the agency's outbox to coordination, oldest first, outside any
 * transaction. A row stays until coordination has taken it (network error, 5xx: tried again next round); a 4xx
 * answer will not change, so the row is set aside as rejected and logged. Delivery is at least once: coordination
 * keeps each event id once.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      keys: ServiceKeys;
      coordinationUrl: string;
      log: Logger;
      metrics: Metrics;
      intervalMs?: number;
    },
  ) {}

  /** Delivers what an earlier run left (a crash between commit and delivery); later rounds run only to retry. */
  start(): void {
    void this.deliverPending();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One round: every pending row (or only `ids`, right after the commit that wrote them). Never throws. While a
   * row waits for coordination, another round of all pending rows follows after the interval; none polls otherwise.
   */
  deliverPending(ids?: readonly string[]): Promise<void> {
    const round = (this.running ?? Promise.resolve()).then(async () => {
      if (!(await this.round(ids))) this.retryLater();
    });
    this.running = round;
    return round;
  }

  private retryLater(): void {
    if (this.stopped || this.timer) return;
    const interval = this.deps.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.deliverPending();
    }, interval);
    this.timer.unref();
  }

  /** `true` when nothing it read is left waiting for coordination. */
  private async round(ids?: readonly string[]): Promise<boolean> {
    const { dataSource, log, metrics } = this.deps;
    let rows: OutboxRow[];
    try {
      rows = (await dataSource.query(
        `SELECT id, victim_id, kind, at, summary, due_at, caller FROM support_event_outbox
          WHERE delivered_at IS NULL AND rejected_at IS NULL ${ids ? 'AND id = ANY($2)' : ''}
          ORDER BY seq LIMIT $1`,
        ids ? [BATCH, [...ids]] : [BATCH],
      )) as OutboxRow[];
    } catch (error) {
      log.warn({ err: error }, 'support-event outbox unreadable');
      return false;
    }
    for (const row of rows) {
      try {
        await new CoordinationClient(this.deps.coordinationUrl, this.deps.keys, row.caller).recordSupportEvent({
          id: row.id,
          victimId: row.victim_id,
          kind: row.kind as SupportEventKind,
          at: new Date(row.at).toISOString(),
          summary: row.summary,
          dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(),
        });
        await dataSource.query('UPDATE support_event_outbox SET delivered_at = now(), attempts = attempts + 1 WHERE id = $1', [row.id]);
        metrics.increment('hub_support_events_delivered_total');
      } catch (error) {
        const permanent = error instanceof CoordinationRefusal && error.status >= 400 && error.status < 500;
        await dataSource
          .query(`UPDATE support_event_outbox SET attempts = attempts + 1${permanent ? ', rejected_at = now()' : ''} WHERE id = $1`, [row.id])
          .catch(() => undefined);
        metrics.increment('hub_support_event_delivery_failures_total');
        log[permanent ? 'error' : 'warn']({ err: error, event: row.id, kind: row.kind }, 'support event not delivered');
        // Keep the order of a victim's path: stop the round at the first that waits for coordination.
        if (!permanent) return false;
      }
    }
    return true;
  }
}
