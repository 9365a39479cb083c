import type { DataSource } from 'typeorm';
import { Agency, AlertKind, DataCategory, ExploitationForm, type HubCaller, Purpose, Region, Role, Stage, SupportEventKind } from '@hub/shared';
import { type CaseloadRequest, type Queryable, caseloadPage } from '@hub/coordination/src/caseload/caseload-query';
import type { VictimFilter } from '@hub/coordination/src/resolvers/victim.types';
import { computeSupportPath } from '@hub/coordination/src/support-path/support-path';
import { withCoordinationDatabase } from '../support/coordination-database';
import { type SyntheticVictim, seedSyntheticRegistry } from './synthetic-registry';

/**
 * Issue 10, point 2: a caseload page costs the same however large the registry. At 3,000 and at 30,000 victims,
 * for three kinds of caller and every filter, the first and the last page each take the same few SQL statements,
 * and the rows the page statements read do not grow with the registry (the count reads each victim once). The
 * answers are checked against an oracle written from the rules, on a registry made by formula.
 */

const NOW = new Date('2026-06-01T12:00:00.000Z');
const PAGE = 20;

const caller = (agency: Agency, role: Role, purpose: Purpose, regions: Region[] = []): HubCaller => ({
  sub: `${role.toLowerCase()}-scale`, agency, role, purpose, regions, justification: null, requestId: 'scale-test', via: 'gateway',
});
const callers = {
  coordinator: caller(Agency.COORDINATION, Role.COORDINATOR, Purpose.CASE_COORDINATION),
  osloCoordinator: caller(Agency.COORDINATION, Role.COORDINATOR, Purpose.CASE_COORDINATION, [Region.OSLO]),
  investigator: caller(Agency.POLICE, Role.INVESTIGATOR, Purpose.INVESTIGATION),
};
type CallerName = keyof typeof callers;

// ---- The oracle, from the rules (DESIGN, "Who may read what"; issue 8: derived values read their inputs). ----
const own: Record<CallerName, DataCategory[]> = {
  coordinator: [DataCategory.IDENTITY, DataCategory.CASE_STATUS, DataCategory.IDENTIFICATION, DataCategory.CONSENT],
  osloCoordinator: [DataCategory.IDENTITY, DataCategory.CASE_STATUS, DataCategory.IDENTIFICATION, DataCategory.CONSENT],
  investigator: [DataCategory.POLICE_CASE],
};
function mayRead(name: CallerName, v: SyntheticVictim, category: DataCategory): boolean {
  const c = callers[name];
  if (c.regions.length > 0 && !c.regions.includes(v.region)) return false;
  if (own[name].includes(category)) return true;
  // The police see the identity of a victim in an investigation they run.
  if (name === 'investigator' && category === DataCategory.IDENTITY && v.events.some((e) => e.kind === SupportEventKind.INVESTIGATION_OPENED)) return true;
  return v.consents.some(
    (k) => k.recipients.includes(c.agency) && k.categories.includes(category) && k.purposes.includes(c.purpose)
      && k.validFrom <= NOW && NOW < k.validUntil && k.withdrawnAt === null,
  );
}
const alertReads: Record<AlertKind, DataCategory[]> = {
  [AlertKind.REFLECTION_PERIOD_ENDING]: [DataCategory.CASE_STATUS, DataCategory.IMMIGRATION],
  [AlertKind.MINOR_WITHOUT_GUARDIAN]: [DataCategory.CASE_STATUS, DataCategory.IDENTITY],
  [AlertKind.NO_HEALTH_ASSESSMENT]: [DataCategory.CASE_STATUS, DataCategory.IDENTIFICATION, DataCategory.HEALTH_SUMMARY],
  [AlertKind.CONSENT_EXPIRING]: [DataCategory.CONSENT],
  [AlertKind.SHELTER_OVER_CAPACITY]: [DataCategory.CASE_STATUS, DataCategory.SOCIAL],
  [AlertKind.RIGHTS_NOT_INFORMED]: [DataCategory.CASE_STATUS, DataCategory.IDENTIFICATION, DataCategory.RIGHTS_INFORMATION],
};
function expected(name: CallerName, victims: SyntheticVictim[], filter: VictimFilter): string[] {
  const matching = victims.filter((v) => {
    const reads = (...categories: DataCategory[]) => categories.every((c) => mayRead(name, v, c));
    if (!reads(DataCategory.CASE_STATUS)) return false;
    const path = computeSupportPath({ minor: v.minor, identifiedAt: v.identifiedAt, events: v.events, consents: v.consents }, NOW);
    return (filter.region === undefined || v.region === filter.region)
      && (filter.minor === undefined || (reads(DataCategory.IDENTITY) && v.minor === filter.minor))
      && (filter.exploitationForm === undefined || v.forms.includes(filter.exploitationForm))
      && (filter.stage === undefined || path.stage === filter.stage)
      && (filter.alert === undefined || (reads(...alertReads[filter.alert]) && path.alerts.some((a) => a.kind === filter.alert)));
  });
  const byDate = matching.every((v) => mayRead(name, v, DataCategory.IDENTIFICATION));
  const ordered = byDate
    ? matching.sort((a, b) => b.identifiedAt.getTime() - a.identifiedAt.getTime() || (a.id < b.id ? -1 : 1))
    : matching.sort((a, b) => (a.id < b.id ? -1 : 1));
  return ordered.map((v) => v.id);
}

// ---- Counting what each statement costs. ----
interface PlanNode { 'Relation Name'?: string; 'Actual Rows'?: number; 'Actual Loops'?: number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] }
const rowsRead = (node: PlanNode): number =>
  (node['Relation Name'] ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1) : 0)
  + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);

interface Cost { statements: number; pageRows: number; countRows: number }
function measured(dataSource: DataSource): { db: Queryable; cost: Cost } {
  const cost: Cost = { statements: 0, pageRows: 0, countRows: 0 };
  const db: Queryable = {
    async query(sql, parameters) {
      cost.statements += 1;
      const [plan] = (await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
      const rows = rowsRead(plan!['QUERY PLAN'][0]!.Plan);
      if (sql.startsWith('SELECT count(*)')) cost.countRows += rows;
      else cost.pageRows += rows;
      return dataSource.query(sql, parameters);
    },
  };
  return { db, cost };
}

const filters: VictimFilter[] = [
  {},
  { region: Region.OSLO },
  { minor: true },
  { minor: false },
  { exploitationForm: ExploitationForm.FORCED_LABOUR },
  ...Object.values(Stage).map((stage) => ({ stage })),
  ...Object.values(AlertKind).map((alert) => ({ alert })),
];

interface Probe { caller: CallerName; filter: string; total: number; first: Cost; last: Cost }

async function probeAll(size: number): Promise<Probe[]> {
  return withCoordinationDatabase(async (dataSource) => {
    const victims = await seedSyntheticRegistry(dataSource, size, NOW);
    const probes: Probe[] = [];
    for (const name of Object.keys(callers) as CallerName[]) {
      for (const filter of filters) {
        const ids = expected(name, victims, filter);
        const request = (more: CaseloadRequest) => ({ first: PAGE, filter, ...more });
        const first = measured(dataSource);
        const page = await caseloadPage(first.db, callers[name], request({}), NOW);
        expect({ name, filter, ids: page.ids, totalCount: page.totalCount, hasNextPage: page.hasNextPage })
          .toEqual({ name, filter, ids: ids.slice(0, PAGE), totalCount: ids.length, hasNextPage: ids.length > PAGE });
        // The last page: after the victim just before the last PAGE of the list.
        const last = measured(dataSource);
        if (ids.length > PAGE) {
          const after = Buffer.from(ids[ids.length - PAGE - 1]!, 'utf8').toString('base64url');
          const tail = await caseloadPage(last.db, callers[name], request({ after }), NOW);
          expect({ name, filter, ids: tail.ids, hasNextPage: tail.hasNextPage }).toEqual({ name, filter, ids: ids.slice(-PAGE), hasNextPage: false });
        }
        probes.push({ caller: name, filter: JSON.stringify(filter), total: ids.length, first: first.cost, last: last.cost });
      }
    }
    return probes;
  });
}

describe('the caseload at 3,000 and at 30,000 victims', () => {
  let small: Probe[];
  let large: Probe[];
  beforeAll(async () => {
    small = await probeAll(3_000);
    large = await probeAll(30_000);
  }, 600_000);

  it('answers every caller and filter exactly as the rules say, first page and last (checked while probing)', () => {
    expect(large.length).toBe(Object.keys(callers).length * filters.length);
    // The oracle's lists are long enough for a last page that is not the first, for most probes.
    expect(large.filter((p) => p.total > 2 * PAGE).length).toBeGreaterThan(large.length * 0.8);
  });

  it('takes the same few SQL statements per page at 30,000 as at 3,000: count and page, and the cursor for a later page', () => {
    for (const [i, probe] of large.entries()) {
      const name = `${probe.caller} ${probe.filter}`;
      expect({ name, first: probe.first.statements }).toEqual({ name, first: probe.total === 0 ? 1 : 2 });
      if (probe.total > PAGE) expect({ name, last: probe.last.statements }).toEqual({ name, last: 3 });
      expect({ name, first: small[i]!.first.statements <= 2 }).toEqual({ name, first: true });
    }
  });

  it('reads, per page, at most twice what the count reads (no scan of events per victim), and for the plain caseload and region no more at 30,000 than at 3,000', () => {
    const table: string[] = [];
    for (const [i, probe] of large.entries()) {
      const before = small[i]!;
      const cells = [before.first.pageRows, before.last.pageRows, probe.first.pageRows, probe.last.pageRows, probe.first.countRows];
      table.push(`${probe.caller.padEnd(16)} ${probe.filter.padEnd(40)} ${cells.map((n) => String(Math.round(n)).padStart(8)).join(' ')}`);
    }
    console.log(`rows read per caseload page: page statements (3k and 30k, first and last page), count statement (30k)
caller           filter                                     3k-1st  3k-last  30k-1st 30k-last 30k-count
${table.join('\n')}`);
    for (const [i, probe] of large.entries()) {
      const name = `${probe.caller} ${probe.filter}`;
      // The count reads each victim once, and of their records one row per condition, by index: no scan of
      // every support event per victim (the correlated EXISTS of before read 210,914 rows per page).
      expect({ name, count: probe.first.countRows <= 5 * 30_000 }).toEqual({ name, count: true });
      for (const page of ['first', 'last'] as const) {
        // A rare match at the end of the order makes the planner read the range by bitmap: at worst a second pass.
        expect({ name, page, ok: probe[page].pageRows <= 2 * probe.first.countRows + 1_000 }).toEqual({ name, page, ok: true });
      }
      // Without a filter, or by region (indexed), a page walks the index a page's length: bounded whatever the size.
      if (probe.filter === '{}' || probe.filter.startsWith('{"region"')) {
        const bound = 1.5 * Math.max(small[i]!.first.pageRows, small[i]!.last.pageRows) + 500;
        expect({ name, first: probe.first.pageRows <= bound, last: probe.last.pageRows <= bound }).toEqual({ name, first: true, last: true });
      }
    }
  });
});
