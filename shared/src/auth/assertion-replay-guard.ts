import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { asBackgroundWork } from '../db/create-data-source';
import type { VerifiedAssertion } from './hub-assertion';

/** Where the one-time ids of a service's replicas are kept: true the first time an id is claimed. */
export interface AssertionIdStore {
  claim(id: string, expiresAt: number): Promise<boolean>;
}

/**
 * The one-time ids every replica of a service shares, in the service's own database (replicas of a subgraph
 * share it). UNLOGGED: an id outlives its assertion by seconds only, so a crash that empties the table loses
 * nothing worth a WAL write — an assertion is refused anyway once it expires.
 */
export class AssertionIds1765100000000 implements MigrationInterface {
  name = 'AssertionIds1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE hub_assertion_id (id text PRIMARY KEY, expires_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX hub_assertion_id_expires ON hub_assertion_id (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE hub_assertion_id');
  }
}

const PRUNE_EVERY_MS = 30_000;

/**
 * One statement per request: `INSERT … ON CONFLICT DO NOTHING`; no row inserted means another replica (or
 * this one) saw the id first. Expired ids are deleted at most every 30 s. Left out of
 * `hub_sql_statements_total`, which counts what answering costs (one per request, never per record).
 */
export const databaseAssertionIds = (dataSource: DataSource, now: () => number = Date.now): AssertionIdStore => {
  let prunedAt = now();
  return {
    claim: (id, expiresAt) =>
      asBackgroundWork(async () => {
        if (now() - prunedAt > PRUNE_EVERY_MS) {
          prunedAt = now();
          await dataSource.query('DELETE FROM hub_assertion_id WHERE expires_at < now()');
        }
        const inserted = (await dataSource.query(
          'INSERT INTO hub_assertion_id (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id',
          [id, new Date(expiresAt)],
        )) as unknown[];
        return inserted.length === 1;
      }),
  };
};

/**
 * Remembers every hub assertion this service has accepted until it expires, so that each is used once:
 * an assertion captured between two services and sent again is refused, whatever body it comes with, at this
 * replica from memory and at any other replica through the shared store. A store that cannot be reached
 * refuses (fail closed). (Assertions live at most 65 s, so the memory this takes is bounded by the request rate.)
 */
export class AssertionReplayGuard {
  private readonly seen = new Map<string, number>();
  private refused = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly shared?: AssertionIdStore,
  ) {}

  /** True the first time an assertion id is presented, false on every later use (here or at another replica). */
  async claim(assertion: Pick<VerifiedAssertion, 'id' | 'expiresAt'>): Promise<boolean> {
    const now = this.now();
    if (this.seen.size > 1000) this.prune(now);
    const expiresAt = this.seen.get(assertion.id);
    if (expiresAt !== undefined && expiresAt >= now) {
      this.refused += 1;
      return false;
    }
    this.seen.set(assertion.id, assertion.expiresAt + 10_000);
    const first = this.shared ? await this.shared.claim(assertion.id, assertion.expiresAt + 10_000).catch(() => false) : true;
    if (!first) this.refused += 1;
    return first;
  }

  /** How many second uses were refused since start. */
  get refusedCount(): number {
    return this.refused;
  }

  private prune(now: number): void {
    for (const [id, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(id);
  }
}
