/**
 * Concurrent writers never fork the chain: fifty requests from different roles at once, each subgraph and
 * the gateway writing its batch in parallel, leave one unbroken chain — every seq once, no gaps, no two
 * records pointing at the same predecessor — and verification covers every record they wrote.
 */
import { Purpose } from '@hub/shared';
import { type GraphQLResponse, post, queryAs } from '../support/client';
import { testHub } from '../support/hub-info';
import { analyst, auditor, clinician, coordinator, emergency, investigator, verifyThroughGateway, withAuditDb, withLogLock } from './audit-support';

const PARALLEL = 50;

describe('many requests at once', () => {
  it('leave one unbroken chain that verifies, with every record they wrote', async () => {
    const caseload = await queryAs<{ victims: { edges: { node: { id: string } }[] } }>(coordinator, '{ victims(first: 5) { edges { node { id } } } }');
    const ids = caseload.data!.victims.edges.map((e) => e.node.id);
    expect(ids.length).toBe(5);
    const victimQuery = 'query ($id: ID!) { victim(id: $id) { id alias region investigations { status } healthSummary { hasGp } permits { type } } }';
    const requests: ((i: number) => Promise<GraphQLResponse>)[] = [
      () => queryAs(coordinator, '{ victims(first: 10) { edges { node { id alias region supportPath { stage } } } } }'),
      (i) => queryAs(investigator, victimQuery, { id: ids[i % ids.length] }),
      (i) => queryAs(clinician, victimQuery, { id: ids[i % ids.length] }),
      (i) => queryAs(emergency, victimQuery, { id: ids[i % ids.length] }),
      () => queryAs(auditor, '{ accessLog(first: 5) { edges { node { seq requestId fields } } } }'),
      () => queryAs(analyst, '{ victims(first: 3) { totalCount } }'),
      () => post(testHub().gatewayUrl, { query: '{ victims(first: 1) { totalCount } }' }, { 'x-purpose': Purpose.CASE_COORDINATION }),
    ];

    await withLogLock('shared', async () => {
      const before = await verifyThroughGateway();
      expect(before.ok).toBe(true);

      const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => requests[i % requests.length]!(i)));
      for (const response of responses) {
        expect(response.requestId).toBeTruthy();
        expect(response.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('AUDIT_UNAVAILABLE');
      }
      const requestIds = responses.map((r) => r.requestId!);

      const written = await withAuditDb(async (db) => {
        const { rows } = await db.query<{ request_id: string; kind: string; n: number }>(
          `SELECT request_id, kind, count(*)::int AS n FROM audit_record WHERE request_id = ANY($1) GROUP BY request_id, kind`,
          [requestIds],
        );
        return rows;
      });
      const operations = written.filter((r) => r.kind === 'OPERATION');
      // Requests without a token are counted in aggregate, not recorded one by one (test/audit/completeness.test.ts).
      const anonymous = Array.from({ length: PARALLEL }, (_, i) => i % requests.length === requests.length - 1).filter(Boolean).length;
      expect(operations).toHaveLength(PARALLEL - anonymous);
      expect(operations.every((r) => r.n === 1)).toBe(true);
      const fieldAccess = written.filter((r) => r.kind === 'FIELD_ACCESS').reduce((sum, r) => sum + r.n, 0);
      expect(fieldAccess).toBeGreaterThan(PARALLEL);
      const total = written.reduce((sum, r) => sum + r.n, 0);

      const after = await verifyThroughGateway();
      expect(after).toMatchObject({ ok: true, firstBadRecord: null });
      expect(after.checkedRecords).toBeGreaterThanOrEqual(before.checkedRecords + total);

      const shape = await withAuditDb(async (db) => {
        const [counts] = (
          await db.query<{ n: string; distinct_seqs: string; min: string; max: string }>(
            `SELECT count(*)::text AS n, count(DISTINCT seq)::text AS distinct_seqs, min(seq)::text AS min, max(seq)::text AS max FROM audit_record`,
          )
        ).rows;
        // Every record is exactly one leaf of the tree.
        const leaves = (await db.query(`SELECT count(*)::text AS n FROM audit_tree_node WHERE level = 0`)).rows[0].n as string;
        return { counts: counts!, leaves };
      });
      expect(shape.counts.distinct_seqs).toBe(shape.counts.n);
      expect(shape.counts.min).toBe('1');
      expect(BigInt(shape.counts.max)).toBe(BigInt(shape.counts.n));
      expect(shape.leaves).toBe(shape.counts.n);
    });
  });
});
