/**
 * Group commit of access-log appends (shared/src/audit/audit-writer.ts): the records of requests that arrive while
 * one append is being written go into the next commit together, and every caller returns only once its own records
 * have committed. Run on an audit database of its own with no sequencer, so that what is pending is what was appended.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { AuditWriter, type HubCaller, Metrics } from '@hub/shared';
import { auditSubgraph } from '@hub/audit/src/definition';
import { testHub } from '../support/hub-info';
import { withSubgraphDatabase } from '../support/subgraph-database';

const caller = (requestId: string | null) =>
  ({ requestId, sub: 'group-tester', agency: 'POLICE', role: 'INVESTIGATOR', purpose: 'INVESTIGATION', regions: [], justification: null }) as unknown as HubCaller;

const withWriter = (use: (db: DataSource, writer: AuditWriter, commits: () => Promise<{ count: number; sum: number }>) => Promise<void>): Promise<void> =>
  withSubgraphDatabase(auditSubgraph, async (db, database) => {
    const secret = readFileSync(join(testHub().keysDir, 'audit-writer.secret'), 'utf8').trim();
    const url = `postgres://hub_audit_writer:${encodeURIComponent(secret)}@127.0.0.1:${testHub().postgresPort}/${database}`;
    const metrics = new Metrics();
    const writer = new AuditWriter(url, 'police', pino({ level: 'silent' }), metrics, generateKeyPairSync('ed25519').privateKey);
    const commits = async () => {
      const values = (await metrics.accessLogAppendGroup.get()).values;
      return { count: values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0, sum: values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0 };
    };
    try {
      await use(db, writer, commits);
    } finally {
      await writer.close();
    }
  });

/** One request's field-access records about `victims` victims. */
const access = (writer: AuditWriter, requestId: string | null, victims: number): Promise<void> =>
  writer.writeFieldAccess(
    caller(requestId),
    Array.from({ length: victims }, (_, i) => ({
      victimId: `v-${i}`, typeName: 'Victim', fields: ['alias'], deniedFields: [], categories: ['IDENTITY'], bases: ['CONSENT'], denialCodes: [],
    })) as never,
  );

const pendingByRequest = async (db: DataSource): Promise<Record<string, number>> =>
  Object.fromEntries(
    ((await db.query(`SELECT request_id, count(*)::int AS n FROM audit_pending GROUP BY 1 ORDER BY 1`)) as { request_id: string; n: number }[]).map((r) => [r.request_id, r.n]),
  );

describe('group commit of access-log appends', () => {
  it('writes concurrent requests in fewer commits than requests, every record of every request committed when its call returns', () =>
    withWriter(async (db, writer, commits) => {
      const requests = Array.from({ length: 20 }, (_, i) => `req-${String(i).padStart(2, '0')}`);
      await Promise.all(requests.map((id, i) => access(writer, id, 1 + (i % 3))));
      expect(await pendingByRequest(db)).toEqual(Object.fromEntries(requests.map((id, i) => [id, 1 + (i % 3)])));
      const { count, sum } = await commits();
      expect(sum).toBe(20); // every append counted once
      expect(count).toBeLessThan(20); // grouped: the first alone, the others while it was written
      expect(count).toBeGreaterThanOrEqual(2);
    }));

  it('a lone append is written at once, in a commit of its own', () =>
    withWriter(async (db, writer, commits) => {
      await access(writer, 'alone', 2);
      expect(await pendingByRequest(db)).toEqual({ alone: 2 });
      expect(await commits()).toEqual({ count: 1, sum: 1 });
    }));

  it('an append that cannot be written fails its own request only: the others of its group commit', () =>
    withWriter(async (db, writer) => {
      const first = access(writer, 'first', 1); // written alone; the next three wait and form one group
      const outcomes = await Promise.allSettled([first, access(writer, 'before', 1), access(writer, null, 1), access(writer, 'after', 2)]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/request_id/);
      expect(await pendingByRequest(db)).toEqual({ after: 2, before: 1, first: 1 });
    }));
});
