import { Client } from 'pg';
import {
  Agency, ExploitationForm, Gender, Purpose, Region, type ReportingPeriod, Role, Stage, type SupportEventKind, periodsOfYear, smallCellK,
  yearPeriod,
} from '@hub/shared';
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import { stageOf } from '@hub/coordination/src/support-path/support-path';
import { type GraphQLResponse, type Identity, codes, queryAs } from '../support/client';
import { TEST_AS_OF, TEST_SEED, postgresUrl } from '../support/hub-info';

/**
 * docs/architecture.md#statistics and issue 5 item 2: aggregates computed by each owner on its own data, for purpose
 * STATISTICS only, with small-cell suppression that no total gives away. Other test files write to the same
 * hub, so expected counts come from the databases read just before and just after each query.
 */

type Caller = Identity & { purpose: Purpose; justification?: string };
const analyst: Caller = { agency: Agency.COORDINATION, role: Role.ANALYST, purpose: Purpose.STATISTICS };
const coordinator: Caller = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const k = smallCellK();
const YEAR = TEST_AS_OF.getUTCFullYear() - 1;
/** A whole year of the demo caseload (which covers the two years before TEST_AS_OF). */
const FULL = yearPeriod(YEAR);
/** Every fixed period the demo caseload touches: three years, their quarters and their months. */
const ALL_PERIODS = [YEAR - 1, YEAR, YEAR + 1].flatMap(periodsOfYear);

const STATISTICS = `query Statistics($period: StatisticsPeriodInput!) {
  caseloadStatistics(period: $period) {
    identified { ...N } underSupport { ...N }
    byExploitationForm { ...C } byGender { ...C } byAgeGroup { ...C } byNationality { ...C } byRegion { ...C }
  }
  policeStatistics(period: $period) {
    cooperationStarted { ...N } investigationsOpened { ...N } prosecutions { ...N } convictions { ...N } acquittals { ...N }
  }
  immigrationStatistics(period: $period) {
    reflectionPeriodsGranted { ...N } permitsGrantedByType { ...C } permitsRefused { ...N } returnsCompleted { ...N }
  }
  assistanceStatistics(period: $period) {
    assistanceDecisions { ...N } assistanceAccepted { ...N } placementsStarted { ...N } measuresByKind { ...C }
    shelterCapacityByGroup { ...C } longTermCapacityByGroup { ...C } shelterOccupancyByGroup { ...C }
  }
}
fragment N on SuppressedCount { value suppressed }
fragment C on BreakdownCell { key value suppressed }`;

interface Count {
  value: number | null;
  suppressed: boolean;
}
type Cell = Count & { key: string };
/** The answer: query → field → a count or a breakdown. */
type Published = Record<string, Record<string, Count | Cell[]>>;
/** The truth: query → field → a count or counts by key. */
type Truth = Record<string, Record<string, number | Record<string, number>>>;

type PeriodArgument = Record<string, string | Date>;
const argumentOf = (period: ReportingPeriod | PeriodArgument): PeriodArgument =>
  'kind' in period ? { [(period.kind as string).toLowerCase()]: period.key as string } : period;
const ask = (caller: Caller, period: ReportingPeriod | PeriodArgument): Promise<GraphQLResponse<Published>> =>
  queryAs<Published>(caller, STATISTICS, { period: argumentOf(period) });

let dbs: Record<'coordination' | 'police' | 'immigration' | 'socialServices', Client>;
beforeAll(async () => {
  const open = async (name: string) => {
    const client = new Client({ connectionString: postgresUrl(name) });
    await client.connect();
    return client;
  };
  dbs = {
    coordination: await open('hub_coordination'),
    police: await open('hub_police'),
    immigration: await open('hub_immigration'),
    socialServices: await open('hub_social_services'),
  };
});
afterAll(async () => Promise.all(Object.values(dbs ?? {}).map((db) => db.end())));

/** Every record the statistics count, read straight from the owners' databases. */
async function snapshot() {
  const rows = async <T extends object>(db: Client, sql: string): Promise<T[]> => (await db.query<T>(sql)).rows;
  return {
    victims: await rows<{ id: string; identified_at: Date; gender: string; minor: boolean; nationalities: string[]; region: string; exploitation_forms: string[] }>(
      dbs.coordination, 'SELECT id, identified_at, gender, minor, nationalities, region, exploitation_forms FROM victim ORDER BY id'),
    events: await rows<{ victim_id: string; kind: SupportEventKind; at: Date; due_at: Date | null }>(
      dbs.coordination, 'SELECT victim_id, kind, at, due_at FROM support_event ORDER BY id'),
    investigations: await rows<{ opened_at: Date; charged_at: Date | null; verdict_at: Date | null; status: string }>(
      dbs.police, 'SELECT opened_at, charged_at, verdict_at, status FROM investigation ORDER BY id'),
    cooperation: await rows<{ since: Date }>(dbs.police, 'SELECT since FROM cooperation ORDER BY victim_id'),
    reflection: await rows<{ granted_at: Date }>(dbs.immigration, 'SELECT granted_at FROM reflection_period ORDER BY id'),
    permits: await rows<{ type: string; decision: string; decided_at: Date | null }>(
      dbs.immigration, 'SELECT type, decision, decided_at FROM permit ORDER BY id'),
    returns: await rows<{ completed_at: Date | null }>(dbs.immigration, 'SELECT completed_at FROM voluntary_return ORDER BY id'),
    decisions: await rows<{ accepted: boolean; decided_at: Date }>(
      dbs.socialServices, 'SELECT accepted, decided_at FROM assistance_decision ORDER BY victim_id'),
    placements: await rows<{ placed_from: Date; placed_until: Date | null; shelter_id: string }>(
      dbs.socialServices, 'SELECT placed_from, placed_until, shelter_id FROM placement ORDER BY id'),
    shelters: await rows<{ id: string; capacity: number; accepts: string[]; long_term: boolean }>(
      dbs.socialServices, 'SELECT id, capacity, accepts, long_term FROM shelter ORDER BY id'),
    measures: await rows<{ kind: string; started_at: Date }>(dbs.socialServices, 'SELECT kind, started_at FROM assistance_measure ORDER BY id'),
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** What each statistic should count, computed here record by record from the snapshot. */
function truth(db: Snapshot, { from, to }: ReportingPeriod): Truth {
  const within = (d: Date | null) => d !== null && d >= from && d < to;
  const tally = (keys: string[]) => keys.reduce<Record<string, number>>((t, key) => ({ ...t, [key]: (t[key] ?? 0) + 1 }), {});
  const identified = db.victims.filter((v) => within(v.identified_at));
  const returned = (id: string) =>
    stageOf(db.events.filter((e) => e.victim_id === id).map((e) => ({ kind: e.kind, at: e.at, dueAt: e.due_at })), to) === Stage.RETURNED;
  const granted = db.permits.filter((p) => p.decision === 'GRANTED' && within(p.decided_at));
  const decided = db.decisions.filter((d) => within(d.decided_at));
  // Who a safe house takes in, as the API names it: its groups in alphabetical order joined with _AND_.
  const group = (id: string) => [...db.shelters.find((sh) => sh.id === id)!.accepts].sort().join('_AND_');
  const beds = (longTermOnly: boolean) => db.shelters.filter((sh) => !longTermOnly || sh.long_term)
    .reduce<Record<string, number>>((t, sh) => ({ ...t, [group(sh.id)]: (t[group(sh.id)] ?? 0) + sh.capacity }), {});
  const occupied = db.placements.filter((p) => p.placed_from < to && (p.placed_until === null || p.placed_until >= to));
  return {
    caseloadStatistics: {
      identified: identified.length,
      underSupport: db.victims.filter((v) => v.identified_at < to && !returned(v.id)).length,
      byExploitationForm: tally(identified.flatMap((v) => [...new Set(v.exploitation_forms)])),
      byGender: tally(identified.map((v) => v.gender)),
      byAgeGroup: tally(identified.map((v) => (v.minor ? 'MINOR' : 'ADULT'))),
      byNationality: tally(identified.map((v) => v.nationalities[0] ?? 'UNKNOWN')),
      byRegion: tally(identified.map((v) => v.region)),
    },
    policeStatistics: {
      cooperationStarted: db.cooperation.filter((c) => within(c.since)).length,
      investigationsOpened: db.investigations.filter((i) => within(i.opened_at)).length,
      prosecutions: db.investigations.filter((i) => within(i.charged_at)).length,
      convictions: db.investigations.filter((i) => i.status === 'CONVICTED' && within(i.verdict_at)).length,
      acquittals: db.investigations.filter((i) => i.status === 'ACQUITTED' && within(i.verdict_at)).length,
    },
    immigrationStatistics: {
      reflectionPeriodsGranted: db.reflection.filter((r) => within(r.granted_at)).length,
      permitsGrantedByType: tally(granted.map((p) => p.type)),
      permitsRefused: db.permits.filter((p) => p.decision === 'REFUSED' && within(p.decided_at)).length,
      returnsCompleted: db.returns.filter((r) => within(r.completed_at)).length,
    },
    assistanceStatistics: {
      assistanceDecisions: decided.length,
      assistanceAccepted: decided.filter((d) => d.accepted).length,
      placementsStarted: db.placements.filter((p) => within(p.placed_from)).length,
      measuresByKind: tally(db.measures.filter((m) => within(m.started_at)).map((m) => m.kind)),
      shelterCapacityByGroup: beds(false),
      longTermCapacityByGroup: beds(true),
      shelterOccupancyByGroup: tally(occupied.map((p) => group(p.shelter_id))),
    },
  };
}

/**
 * The truth of a breakdown as published: merged cells (issue 8 point 11) count their members — MALE_OR_OTHER is MALE
 * and OTHER; the nationality OTHER every victim whose nationality is not listed on its own.
 */
function truthOf(field: string, cells: readonly Cell[], counts: Record<string, number>): Record<string, number> {
  const out = { ...counts };
  if (field === 'byGender') out.MALE_OR_OTHER = (counts.MALE ?? 0) + (counts.OTHER ?? 0);
  if (field === 'byNationality') {
    const listed = new Set(cells.map((c) => c.key));
    out.OTHER = Object.entries(counts).filter(([key]) => !listed.has(key) || key === 'OTHER').reduce((sum, [, n]) => sum + n, 0);
  }
  return out;
}

/** The answer for a period, with the truth of a snapshot that did not change while it was computed. */
async function stableAnswer(period: ReportingPeriod): Promise<{ published: Published; expected: Truth; db: Snapshot }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await snapshot();
    const response = await ask(analyst, period);
    const after = await snapshot();
    if (JSON.stringify(before) !== JSON.stringify(after)) continue;
    expect(response.errors).toBeUndefined();
    return { published: response.data!, expected: truth(before, period), db: before };
  }
  throw new Error('the records kept changing while the statistics were read');
}

const STOCKS = ['shelterCapacityByGroup', 'longTermCapacityByGroup', 'shelterOccupancyByGroup'];

/** Everything wrong with an answer: a small count shown, a shown count that is not the truth, a cell given away. */
function problems(published: Published, expected: Truth, period: ReportingPeriod): string[] {
  const out: string[] = [];
  const check = (where: string, count: Count, truthValue: number) => {
    if (count.suppressed !== (count.value === null)) out.push(`${where}: suppressed flag and value disagree`);
    // Beds are not personal: a safe house of four beds is shown as four.
    const personal = !where.includes('CapacityByGroup');
    if (personal && count.value !== null && count.value > 0 && count.value < k) out.push(`${where}: shows the small count ${count.value}`);
    if (count.value !== null && count.value !== truthValue) out.push(`${where}: shows ${count.value}, the records say ${truthValue}`);
  };
  for (const [query, fields] of Object.entries(expected)) {
    for (const [field, truthValue] of Object.entries(fields)) {
      const answer = published[query]?.[field];
      if (answer === undefined) out.push(`${query}.${field} missing`);
      else if (Array.isArray(answer) && period.kind === 'MONTH' && !STOCKS.includes(field)) {
        // A month publishes its totals only: a breakdown of a dozen people would be all small cells. Stocks at the
        // period's end (safe-house beds and occupancy) are no sums over months and are published for months too.
        if (answer.length > 0) out.push(`${query}.${field}: a breakdown of a month`);
      } else if (Array.isArray(answer)) {
        const counts = truthOf(field, answer, truthValue as Record<string, number>);
        for (const cell of answer) check(`${query}.${field}.${cell.key}`, cell, counts[cell.key] ?? 0);
        const merged = field === 'byNationality' && answer.some((c) => c.key === 'OTHER') ? Object.keys(counts) : [];
        const missing = Object.keys(counts).filter((key) => (truthValue as Record<string, number>)[key]
          && !answer.some((c) => c.key === key) && !merged.includes(key) && !(key !== 'FEMALE' && answer.some((c) => c.key === 'MALE_OR_OTHER')));
        if (missing.length > 0) out.push(`${query}.${field} leaves out ${missing.join(', ')}`);
      } else check(`${query}.${field}`, answer as Count, truthValue as number);
    }
  }
  // Breakdowns whose cells sum to the identified total must not leave one cell to total − shown.
  const caseload = published.caseloadStatistics!;
  if (!(caseload.identified as Count).suppressed) {
    for (const field of ['byGender', 'byAgeGroup', 'byNationality', 'byRegion']) {
      if ((caseload[field] as Cell[]).filter((c) => c.suppressed).length === 1) out.push(`caseload ${field}: one cell = total − shown`);
    }
  }
  const { assistanceDecisions: decisions, assistanceAccepted: accepted } = published.assistanceStatistics as Record<string, Count>;
  const declined = decisions!.value !== null && accepted!.value !== null ? decisions!.value - accepted!.value : null;
  if (declined !== null && declined > 0 && declined < k) out.push(`assistance: declined = decisions − accepted = ${declined}`);
  return out;
}

const keysOf = (cells: unknown): string[] => (cells as Cell[]).map((c) => c.key);
const FORBIDDEN_EVERYWHERE = ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'];

describe('aggregate statistics through the gateway', () => {
  it('gives an analyst with purpose STATISTICS every statistic and every breakdown, with its full set of keys', async () => {
    const response = await ask(analyst, FULL);
    expect(response.errors).toBeUndefined();
    const { caseloadStatistics: caseload, immigrationStatistics: immigration, assistanceStatistics: assistance } = response.data!;
    expect(keysOf(caseload!.byExploitationForm)).toEqual(Object.values(ExploitationForm));
    // MALE and OTHER are one cell in a year where either is small, rather than FEMALE and MALE both hidden.
    expect([Object.values(Gender), ['FEMALE', 'MALE_OR_OTHER']]).toContainEqual(keysOf(caseload!.byGender));
    expect(keysOf(caseload!.byAgeGroup)).toEqual(['MINOR', 'ADULT']);
    expect(keysOf(caseload!.byRegion)).toEqual(Object.values(Region));
    const nationalities = keysOf(caseload!.byNationality);
    expect(nationalities.at(-1)).toBe('OTHER');
    expect(nationalities.slice(0, -1)).toEqual([...nationalities.slice(0, -1)].sort());
    expect(nationalities.length).toBeGreaterThan(3);
    expect(keysOf(immigration!.permitsGrantedByType)).toEqual(['TEMPORARY_RESIDENCE', 'PERMANENT_RESIDENCE']);
    expect(keysOf(assistance!.measuresByKind)).toEqual(['FINANCIAL_SUPPORT', 'INTERPRETER', 'LEGAL_AID', 'LANGUAGE_COURSE', 'WORK_TRAINING']);
    expect(keysOf(assistance!.shelterCapacityByGroup)).toEqual(expect.arrayContaining(['MEN', 'MINORS', 'WOMEN']));
    expect(Object.keys(response.data!.policeStatistics!)).toEqual(['cooperationStarted', 'investigationsOpened', 'prosecutions', 'convictions', 'acquittals']);
  });

  it('counts exactly what the owners hold for the chosen period, the whole demo caseload included', async () => {
    const { published, expected, db } = await stableAnswer(FULL);
    expect(problems(published, expected, FULL)).toEqual([]);
    // The demo caseload is all there, and counted: every gender cell is the seeded victims of that gender plus
    // those other test files added.
    const inPeriod = (at: string | Date) => new Date(at) >= FULL.from && new Date(at) < FULL.to;
    const seeded = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF }).coordination.victims.filter((v) => inPeriod(v.identifiedAt));
    const seedIds = new Set(seeded.map((v) => v.id));
    expect(seeded.length).toBeGreaterThan(100);
    for (const gender of Object.values(Gender)) {
      const cell = (published.caseloadStatistics!.byGender as Cell[]).find((c) => c.key === gender);
      const added = db.victims.filter((v) => !seedIds.has(v.id) && v.gender === gender && inPeriod(v.identified_at)).length;
      if (cell && !cell.suppressed) expect({ gender, value: cell.value }).toEqual({ gender, value: seeded.filter((v) => v.gender === gender).length + added });
    }
    expect((published.caseloadStatistics!.byGender as Cell[]).find((c) => c.key === 'FEMALE')?.suppressed).toBe(false);
    // A whole caseload is large enough for the main numbers to be shown, not suppressed away.
    for (const [query, field] of [['caseloadStatistics', 'identified'], ['caseloadStatistics', 'underSupport'],
      ['policeStatistics', 'investigationsOpened'], ['immigrationStatistics', 'reflectionPeriodsGranted'],
      ['assistanceStatistics', 'assistanceDecisions']] as const) {
      expect({ field, value: (published[query]![field] as Count).value }).toEqual({ field, value: expected[query]![field] });
    }
  });

  it('never shows a count between 1 and k−1, nor lets one be recovered, in any breakdown of any statistics query', async () => {
    const periods = ALL_PERIODS;
    const found: string[] = [];
    let suppressed = 0;
    let shown = 0;
    for (const period of periods) {
      const { published, expected } = await stableAnswer(period);
      found.push(...problems(published, expected, period).map((p) => `${period.key}: ${p}`));
      const counts = Object.values(published).flatMap((fields) => Object.values(fields).flat());
      suppressed += counts.filter((c) => c.suppressed).length;
      shown += counts.filter((c) => c.value !== null && c.value > 0).length;
    }
    expect(found).toEqual([]);
    // The periods are thin enough for suppression to happen, and thick enough for numbers to be shown.
    expect(suppressed).toBeGreaterThan(100);
    expect(shown).toBeGreaterThan(100);
  });

  it.each<[string, Caller]>([
    ['a social services caseworker', { agency: Agency.SOCIAL_SERVICES, role: Role.CASEWORKER, purpose: Purpose.SOCIAL_ASSISTANCE }],
    ['a social services caseworker stating STATISTICS', { agency: Agency.SOCIAL_SERVICES, role: Role.CASEWORKER, purpose: Purpose.STATISTICS }],
    ['a police investigator', { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION }],
    ['a police investigator stating STATISTICS', { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.STATISTICS }],
    ['a coordinator stating CASE_COORDINATION', coordinator],
    ['a coordinator in an emergency', { ...coordinator, purpose: Purpose.EMERGENCY, justification: 'Acute danger to the victim, shelter needed tonight' }],
  ])('refuses %s with FORBIDDEN on every statistics query, and gives no number', async (_name, caller) => {
    const response = await ask(caller, FULL);
    expect(codes(response)).toEqual(FORBIDDEN_EVERYWHERE);
    expect(response.data ?? null).toBeNull();
  });

  it('answers the same coordinator once they state purpose STATISTICS', async () => {
    const response = await ask({ ...coordinator, purpose: Purpose.STATISTICS }, FULL);
    expect(response.errors).toBeUndefined();
    expect((response.data!.caseloadStatistics!.identified as Count).value).toBeGreaterThan(100);
  });

  it('gives the same answer for a quarter named by its key and by its from and to', async () => {
    const quarter = periodsOfYear(YEAR)[3]!;
    const byKey = await ask(analyst, quarter);
    const byRange = await ask(analyst, { from: quarter.from, to: quarter.to });
    expect(byKey.errors).toBeUndefined();
    expect(byRange.data).toEqual(byKey.data);
  });

  it.each<[string, PeriodArgument]>([
    ['a reversed period', { from: FULL.to, to: FULL.from }],
    ['an empty period', { from: FULL.from, to: FULL.from }],
    ['a range one day off a quarter', { from: `${YEAR}-04-02T00:00:00Z`, to: `${YEAR}-07-01T00:00:00Z` }],
    ['two overlapping months', { from: `${YEAR}-03-15T00:00:00Z`, to: `${YEAR}-04-15T00:00:00Z` }],
    ['a range of two quarters', { from: `${YEAR}-01-01T00:00:00Z`, to: `${YEAR}-07-01T00:00:00Z` }],
    ['a range across two years', { from: `${YEAR}-12-01T00:00:00Z`, to: `${YEAR + 1}-02-01T00:00:00Z` }],
    ['a quarter and a month at once', { quarter: `${YEAR}-Q1`, month: `${YEAR}-01` }],
    ['a fifth quarter', { quarter: `${YEAR}-Q5` }],
    ['a month 13', { month: `${YEAR}-13` }],
    ['a year given as a quarter', { quarter: String(YEAR) }],
    ['no period at all', {}],
  ])('refuses %s with BAD_USER_INPUT on every statistics query', async (_name, period) => {
    const response = await ask(analyst, period);
    expect(codes(response)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(response.data ?? null).toBeNull();
  });
});
