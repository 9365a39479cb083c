import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  Agency,
  DataCategory,
  type HubCaller,
  Purpose,
  Region,
  Role,
  SqlParameters,
  decide,
  readablePredicate,
} from '@hub/shared';
import { loadVictimAccessFacts } from '@hub/coordination/src/internal/victim-access-facts';
import { victimSql } from '@hub/coordination/src/caseload/victim-sql';
import { postgresUrl } from '../support/hub-info';

/**
 * The caseload is scoped in SQL (issue 10): `readablePredicate` must say, for every victim of the registry, exactly
 * what `decide()` says — for every role in every agency (and one that does not belong to it), every purpose,
 * national and local, EMERGENCY with and without a justification, and every category. Both read one snapshot.
 */
const agencies = Object.values(Agency);
const callers: HubCaller[] = [];
for (const role of Object.values(Role)) {
  for (const agency of agencies) {
    for (const purpose of Object.values(Purpose)) {
      for (const regions of [[], [Region.OSLO, Region.NORTH]]) {
        for (const justification of purpose === Purpose.EMERGENCY ? [null, 'Victim missing from the safe house; police ask'] : [null]) {
          callers.push({ sub: 'sql-policy', agency, role, purpose, regions, justification, requestId: 'sql-policy', via: 'gateway' });
        }
      }
    }
  }
}

describe('the access policy as SQL', () => {
  it(`decides like decide() for ${callers.length} callers × every category × every victim`, async () => {
    const db = new Client({ connectionString: postgresUrl('hub_coordination') });
    await db.connect();
    try {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const now = new Date();
      const ids = (await db.query<{ id: string }>('SELECT id FROM victim ORDER BY id')).rows.map((r) => r.id);
      const asDataSource = { query: async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows } as unknown as DataSource;
      const facts = await loadVictimAccessFacts(asDataSource)(ids);
      const categories = Object.values(DataCategory);
      let compared = 0;
      const mismatches: string[] = [];
      for (const caller of callers) {
        const params = new SqlParameters();
        const columns = categories.map((c, i) => `(${readablePredicate(caller, c, victimSql, params, now)}) AS c${i}`);
        const rows = (await db.query<Record<string, unknown>>(`SELECT v.id, ${columns.join(', ')} FROM victim v ORDER BY v.id`, params.values)).rows;
        expect(rows.map((r) => r.id)).toEqual(ids);
        rows.forEach((row, v) => {
          categories.forEach((category, i) => {
            const expected = decide(caller, category, facts[v]!, now).allow;
            compared += 1;
            if (row[`c${i}`] !== expected) mismatches.push(`${caller.role}@${caller.agency} ${caller.purpose} [${caller.regions.join()}] ${category} ${ids[v]}: sql ${String(row[`c${i}`])}, decide ${expected}`);
          });
        });
      }
      await db.query('COMMIT');
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(compared).toBeGreaterThan(100_000);
      console.log(`${compared} SQL predicate decisions compared with decide()`);
    } finally {
      await db.end();
    }
  }, 300_000);
});
