import { randomUUID } from 'node:crypto';
import type { AuditWriter, Logger } from '@hub/shared';

/** How often the gateway writes one record for all the requests it refused for want of a valid token. */
export const ANONYMOUS_REFUSALS_FLUSH_MS = 10_000;

/**
 * Requests refused before anyone was identified (no token, a bad or expired token, over the anonymous rate
 * limit) are counted, and written to the access log as one operation record per interval and outcome —
 * not as one insert-only record each, which would let anyone flood the log.
 */
export class AnonymousRefusals {
  private counts = new Map<string, { requests: number; addresses: Set<string> }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditWriter,
    private readonly log: Logger,
    flushMs = ANONYMOUS_REFUSALS_FLUSH_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  count(code: string, address: string): void {
    const entry = this.counts.get(code) ?? { requests: 0, addresses: new Set<string>() };
    entry.requests += 1;
    if (entry.addresses.size < 10_000) entry.addresses.add(address);
    this.counts.set(code, entry);
  }

  /** Writes what was counted since the last flush. */
  async flush(): Promise<void> {
    const counts = this.counts;
    if (counts.size === 0) return;
    this.counts = new Map();
    for (const [code, { requests, addresses }] of counts) {
      try {
        await this.audit.writeOperation({
          requestId: randomUUID(),
          caller: {},
          operationName: null,
          documentHash: null,
          outcome: `REFUSED:${code} x${requests} from ${addresses.size} address${addresses.size === 1 ? '' : 'es'}`,
          durationMs: 0,
        });
      } catch (error) {
        this.log.error({ err: error, code, requests }, 'record of anonymous refusals could not be written');
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
