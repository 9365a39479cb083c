import { Client } from 'pg';
import { Agency, Purpose, Region, type ReportingPeriod, Role, periodsOfYear, smallCellK } from '@hub/shared';
import { queryAs } from '../support/client';
import { TEST_AS_OF, postgresUrl } from '../support/hub-info';

/**
 * Issue 8 point 11: statistics cannot be differenced. An attacker asks every query the API allows over the demo
 * caseload — every month, quarter and year the data touches, every statistic and breakdown — and works out what
 * follows from the shown numbers: every pair of them subtracted, and beyond pairs every linear combination (a
 * year minus three quarters, a total minus the other cells, months against their quarter, one breakdown against
 * another through the shared total). The attacker knows every category that exists (from the databases) and how
 * cells are merged. No count between 1 and k−1 of any period and category, published or not, may follow.
 * The attacker also asks every statistic of every region (issue 13 point 3), so that a region against the whole
 * country, or the regions against each other, are differenced too; unknowns are then counts of one region.
 * The same attacker, given the answers as mere primary suppression would publish them, does recover cells: so it
 * is an attacker that can succeed.
 */

const k = smallCellK();
const analyst = { agency: Agency.COORDINATION, role: Role.ANALYST, purpose: Purpose.STATISTICS };
const YEARS = [TEST_AS_OF.getUTCFullYear() - 2, TEST_AS_OF.getUTCFullYear() - 1, TEST_AS_OF.getUTCFullYear()];

const REGIONS = Object.values(Region) as string[];
const FIELDS = {
  caseloadStatistics: 'identified { ...N } byExploitationForm { ...C } byGender { ...C } byAgeGroup { ...C } byNationality { ...C } byRegion { ...C }',
  policeStatistics: 'cooperationStarted { ...N } investigationsOpened { ...N } prosecutions { ...N } convictions { ...N } acquittals { ...N }',
  immigrationStatistics: 'reflectionPeriodsGranted { ...N } permitsGrantedByType { ...C } permitsRefused { ...N } returnsCompleted { ...N }',
  assistanceStatistics: 'assistanceDecisions { ...N } assistanceAccepted { ...N } placementsStarted { ...N } measuresByKind { ...C }',
};
/** The whole country under each query's own name, or a region under `<query>_<REGION>` (one request each: the alias limit). */
const queryOf = (region: string | null) => `query All($period: StatisticsPeriodInput!) {
${Object.entries(FIELDS).map(([query, fields]) =>
  region ? `  ${query}_${region}: ${query}(period: $period, region: ${region}) { ${fields} }` : `  ${query}(period: $period) { ${fields} }`).join('\n')}
}
fragment N on SuppressedCount { value suppressed }
fragment C on BreakdownCell { key value suppressed }`;

interface Count { value: number | null; suppressed: boolean }
type Cell = Count & { key: string };
type Answer = Record<string, Record<string, Count | Cell[]>>;

/**
 * A record as the attacker models it: when it happened, in which statistic, in which region (of the victim's case),
 * under which category of each breakdown.
 */
interface Event { stream: string; at: Date; region: string; keys: Record<string, string[]> }

/**
 * Statistics whose numbers are tied together: a total (`total`, when published) and breakdowns of the same
 * records; `partitions` when each record counts in exactly one cell, so the cells add up to the total.
 */
interface Stream { name: string; total?: [string, string]; breakdowns: { field: [string, string]; key: string; partitions: boolean }[] }
const STREAMS: Stream[] = [
  {
    name: 'victims',
    total: ['caseloadStatistics', 'identified'],
    breakdowns: [
      { field: ['caseloadStatistics', 'byExploitationForm'], key: 'form', partitions: false },
      { field: ['caseloadStatistics', 'byGender'], key: 'gender', partitions: true },
      { field: ['caseloadStatistics', 'byAgeGroup'], key: 'age', partitions: true },
      { field: ['caseloadStatistics', 'byNationality'], key: 'nationality', partitions: true },
    ],
  },
  ...['cooperationStarted', 'investigationsOpened', 'prosecutions', 'convictions', 'acquittals'].map((f) => ({
    name: f, total: ['policeStatistics', f] as [string, string], breakdowns: [],
  })),
  ...['reflectionPeriodsGranted', 'permitsRefused', 'returnsCompleted'].map((f) => ({
    name: f, total: ['immigrationStatistics', f] as [string, string], breakdowns: [],
  })),
  { name: 'permitsGranted', breakdowns: [{ field: ['immigrationStatistics', 'permitsGrantedByType'], key: 'type', partitions: false }] },
  {
    name: 'decisions',
    total: ['assistanceStatistics', 'assistanceDecisions'],
    // assistanceAccepted is the ACCEPTED cell of a breakdown whose DECLINED cell is total − accepted.
    breakdowns: [{ field: ['assistanceStatistics', 'assistanceAccepted'], key: 'decision', partitions: true }],
  },
  { name: 'placementsStarted', total: ['assistanceStatistics', 'placementsStarted'], breakdowns: [] },
  { name: 'measures', breakdowns: [{ field: ['assistanceStatistics', 'measuresByKind'], key: 'kind', partitions: false }] },
];

let dbs: Client[] = [];
const open = async (name: string) => {
  const client = new Client({ connectionString: postgresUrl(name) });
  await client.connect();
  dbs.push(client);
  return client;
};
afterAll(async () => Promise.all(dbs.map((db) => db.end())));

/** Every record the flow statistics count, from the owners' databases. */
async function events(): Promise<Event[]> {
  const [coordination, police, immigration, social] = dbs;
  const rows = async <T extends object>(db: Client, sql: string) => (await db.query<T>(sql)).rows;
  const out: Event[] = [];
  const victims = await rows<{ id: string; identified_at: Date; gender: string; minor: boolean; nationalities: string[]; region: string; exploitation_forms: string[] }>(
    coordination!, 'SELECT id, identified_at, gender, minor, nationalities, region, exploitation_forms FROM victim ORDER BY id');
  const regionOf = new Map(victims.map((v) => [v.id, v.region]));
  const add = (stream: string, victim: string, at: Date | null, keys: Record<string, string[]> = {}) =>
    at && out.push({ stream, at, region: regionOf.get(victim) ?? 'UNKNOWN', keys });
  for (const v of victims) {
    add('victims', v.id, v.identified_at, {
      form: [...new Set(v.exploitation_forms)], gender: [v.gender], age: [v.minor ? 'MINOR' : 'ADULT'], nationality: [v.nationalities[0] ?? 'UNKNOWN'],
    });
  }
  type V = { victim_id: string };
  for (const c of await rows<V & { since: Date }>(police!, 'SELECT victim_id, since FROM cooperation ORDER BY victim_id')) add('cooperationStarted', c.victim_id, c.since);
  for (const i of await rows<V & { opened_at: Date; charged_at: Date | null; verdict_at: Date | null; status: string }>(
    police!, 'SELECT victim_id, opened_at, charged_at, verdict_at, status FROM investigation ORDER BY id')) {
    add('investigationsOpened', i.victim_id, i.opened_at);
    add('prosecutions', i.victim_id, i.charged_at);
    if (i.status === 'CONVICTED') add('convictions', i.victim_id, i.verdict_at);
    if (i.status === 'ACQUITTED') add('acquittals', i.victim_id, i.verdict_at);
  }
  for (const r of await rows<V & { granted_at: Date }>(immigration!, 'SELECT victim_id, granted_at FROM reflection_period ORDER BY id')) add('reflectionPeriodsGranted', r.victim_id, r.granted_at);
  for (const p of await rows<V & { type: string; decision: string; decided_at: Date | null }>(immigration!, 'SELECT victim_id, type, decision, decided_at FROM permit ORDER BY id')) {
    if (p.decision === 'GRANTED') add('permitsGranted', p.victim_id, p.decided_at, { type: [p.type] });
    if (p.decision === 'REFUSED') add('permitsRefused', p.victim_id, p.decided_at);
  }
  for (const r of await rows<V & { completed_at: Date | null }>(immigration!, 'SELECT victim_id, completed_at FROM voluntary_return ORDER BY id')) add('returnsCompleted', r.victim_id, r.completed_at);
  for (const d of await rows<V & { accepted: boolean; decided_at: Date }>(social!, 'SELECT victim_id, accepted, decided_at FROM assistance_decision ORDER BY victim_id')) {
    add('decisions', d.victim_id, d.decided_at, { decision: [d.accepted ? 'ACCEPTED' : 'DECLINED'] });
  }
  for (const p of await rows<V & { placed_from: Date }>(social!, 'SELECT victim_id, placed_from FROM placement ORDER BY id')) add('placementsStarted', p.victim_id, p.placed_from);
  for (const m of await rows<V & { kind: string; started_at: Date }>(social!, 'SELECT victim_id, kind, started_at FROM assistance_measure ORDER BY id')) {
    add('measures', m.victim_id, m.started_at, { kind: [m.kind] });
  }
  return out;
}

/**
 * What an attacker knows: which sets of unknown counts add up to a known number. Unknowns are the counts of one
 * statistic, one month and one category, or of one region's total in the month; a vector lists the unknowns it adds up.
 * Gaussian elimination in floating point, fully reduced, over the vectors of shown cells and the structural
 * relations (a month's total is the sum of a partitioning breakdown's categories in that month).
 */
class Knowledge {
  private readonly basis: Float64Array[] = [];
  private readonly pivots: number[] = [];
  constructor(private readonly size: number) {}

  learn(v: Float64Array): void {
    const r = this.reduce(v);
    let p = 0;
    for (let i = 1; i < r.length; i++) if (Math.abs(r[i]!) > Math.abs(r[p]!)) p = i;
    if (Math.abs(r[p]!) < 1e-9) return;
    const scale = r[p]!;
    for (let i = 0; i < r.length; i++) r[i]! /= scale;
    this.basis.forEach((row) => {
      const f = row[p]!;
      if (f !== 0) for (let i = 0; i < row.length; i++) row[i]! -= f * r[i]!;
    });
    this.basis.push(r);
    this.pivots.push(p);
  }

  knows(v: Float64Array): boolean {
    return this.reduce(v).every((x) => Math.abs(x) < 1e-6);
  }

  private reduce(v: Float64Array): Float64Array {
    const r = Float64Array.from(v);
    this.basis.forEach((row, j) => {
      const f = r[this.pivots[j]!]!;
      if (f !== 0) for (let i = 0; i < this.size; i++) r[i]! -= f * row[i]!;
    });
    return r;
  }
}

interface Target { what: string; vector: Float64Array; truth: number }

/** The cells an answer shows, the structural relations, and every small count that must stay unknown. */
function attackYear(year: number, stream: Stream, answers: Map<string, Answer>, all: Event[], naive: boolean) {
  const evs = all.filter((e) => e.stream === stream.name && e.at.getUTCFullYear() === year);
  const columns = new Map<string, number>();
  const col = (name: string) => columns.get(name) ?? columns.set(name, columns.size).get(name)!;
  const categories = new Map(stream.breakdowns.map((b) => [b.key, new Set<string>()]));
  for (const e of evs) for (const [key, values] of Object.entries(e.keys)) values.forEach((v) => categories.get(key)?.add(v));
  for (const b of stream.breakdowns) {
    if (b.key === 'decision') ['ACCEPTED', 'DECLINED'].forEach((c) => categories.get('decision')!.add(c));
    const fromAnswers = [...answers.values()].flatMap((a) => {
      const cells = a[b.field[0]]?.[b.field[1]];
      return Array.isArray(cells) ? cells.map((c) => c.key) : [];
    });
    fromAnswers.filter((key) => key !== 'MALE_OR_OTHER' && key !== 'OTHER').forEach((key) => categories.get(b.key)!.add(key));
  }
  const regions = [...REGIONS, ...(evs.some((e) => !REGIONS.includes(e.region)) ? ['UNKNOWN'] : [])];
  for (let m = 0; m < 12; m++) {
    for (const r of regions) col(`total|${r}|${m}`);
    for (const [key, cats] of categories) for (const c of cats) col(`${key}:${c}|${m}`);
  }
  const totalOf = (months: readonly number[], only: readonly string[] = regions) => only.flatMap((r) => months.map((m) => `total|${r}|${m}`));
  const size = columns.size;
  const vector = (names: string[]) => {
    const v = new Float64Array(size);
    for (const n of names) v[col(n)] = 1;
    return v;
  };
  const truth = (period: ReportingPeriod, key: string | null, cats: string[], region?: string) =>
    evs.filter((e) => period.months.includes(e.at.getUTCMonth()) && (region === undefined || e.region === region) &&
      (key === null || cats.some((c) => e.keys[key]?.includes(c)))).length;
  const knowledge = new Knowledge(size);
  const periods = periodsOfYear(year);
  // The structure: in every month, a partitioning breakdown adds up to the total.
  for (const b of stream.breakdowns.filter((x) => x.partitions)) {
    for (let m = 0; m < 12; m++) {
      const v = vector([...categories.get(b.key)!].map((c) => `${b.key}:${c}|${m}`));
      for (const t of totalOf([m])) v[col(t)] = -1;
      knowledge.learn(v);
    }
  }
  const shown: { what: string; vector: Float64Array }[] = [];
  const hidden: Target[] = [];
  const publish = (what: string, v: Float64Array, cell: Count, real: number) => {
    const isHidden = naive ? real > 0 && real < k : cell.suppressed;
    if (isHidden) hidden.push({ what, vector: v, truth: real });
    else shown.push({ what, vector: v });
  };
  for (const period of periods) {
    const answer = answers.get(period.key)!;
    const months = period.months;
    if (stream.total) {
      const cell = answer[stream.total[0]]![stream.total[1]] as Count;
      publish(`${period.key} ${stream.total[1]}`, vector(totalOf(months)), cell, truth(period, null, []));
      // Each region's answer: its total. Its breakdowns are national only, so empty.
      for (const r of REGIONS) {
        const regional = answer[`${stream.total[0]}_${r}`]!;
        publish(`${period.key} ${r} ${stream.total[1]}`, vector(totalOf(months, [r])), regional[stream.total[1]] as Count, truth(period, null, [], r));
      }
    }
    if (stream.name === 'victims' && period.kind !== 'MONTH') {
      // By region: the regions' totals, in the national answer and (one cell) in each region's.
      for (const cell of [...(answer.caseloadStatistics!.byRegion as Cell[]), ...REGIONS.flatMap((r) => answer[`caseloadStatistics_${r}`]!.byRegion as Cell[])]) {
        publish(`${period.key} byRegion.${cell.key}`, vector(totalOf(months, [cell.key])), cell, truth(period, null, [], cell.key));
      }
    }
    for (const b of stream.breakdowns) {
      const published = answer[b.field[0]]![b.field[1]]!;
      const cells: Cell[] = Array.isArray(published) ? published : [{ ...published, key: 'ACCEPTED' }];
      if (!Array.isArray(published) && period.kind === 'MONTH') continue; // withheld for a month (suppressed)
      const listed = new Set(cells.map((c) => c.key));
      for (const cell of cells) {
        const cats = cell.key === 'MALE_OR_OTHER' ? ['MALE', 'OTHER']
          : cell.key === 'OTHER' && b.key === 'nationality' ? [...categories.get(b.key)!].filter((c) => !listed.has(c) || c === 'OTHER')
            : [cell.key];
        publish(`${period.key} ${b.field[1]}.${cell.key}`, vector(cats.flatMap((c) => months.map((m) => `${b.key}:${c}|${m}`))), cell, truth(period, b.key, cats));
      }
    }
  }
  for (const s of shown) knowledge.learn(s.vector);
  // Every small count of a period and a category, whether the API publishes it or merges it away.
  const small: Target[] = [...hidden];
  for (const period of periods) {
    if (stream.total || stream.name === 'victims') {
      for (const r of REGIONS) {
        const real = truth(period, null, [], r);
        if (real > 0 && real < k) small.push({ what: `${period.key} ${r} total`, vector: vector(totalOf(period.months, [r])), truth: real });
      }
    }
    for (const b of stream.breakdowns) {
      for (const c of categories.get(b.key)!) {
        const real = truth(period, b.key, [c]);
        if (real > 0 && real < k) small.push({ what: `${period.key} ${b.key} ${c}`, vector: vector(period.months.map((m) => `${b.key}:${c}|${m}`)), truth: real });
      }
    }
  }
  const recovered = small.filter((t) => knowledge.knows(t.vector)).map((t) => `${t.what} = ${t.truth}`);
  // Pairs, as the issue found the attack: a shown cell minus another shown cell that is exactly a hidden one.
  let pairs = 0;
  const byPair: string[] = [];
  const key = (v: Float64Array) => v.join(',');
  const hiddenByVector = new Map(small.map((t) => [key(t.vector), t]));
  for (const a of shown) {
    for (const b of shown) {
      if (a === b) continue;
      pairs++;
      const diff = a.vector.map((x, i) => x - b.vector[i]!);
      const hit = hiddenByVector.get(key(diff));
      if (hit) byPair.push(`${a.what} − ${b.what} = ${hit.what} = ${hit.truth}`);
    }
  }
  return { recovered, byPair, pairs, hidden: hidden.length, small: small.length };
}

/** Every allowed answer of three years, with the records they were computed from (unchanged meanwhile). */
async function collect(): Promise<{ answers: Map<number, Map<string, Answer>>; records: Event[] }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await events();
    const answers = new Map<number, Map<string, Answer>>();
    for (const year of YEARS) {
      const byPeriod = new Map<string, Answer>();
      for (const period of periodsOfYear(year)) {
        const answer: Answer = {};
        for (const region of [null, ...REGIONS]) {
          const response = await queryAs<Answer>(analyst, queryOf(region), { period: { [period.kind.toLowerCase()]: period.key } });
          expect(response.errors).toBeUndefined();
          Object.assign(answer, response.data!);
        }
        byPeriod.set(period.key, answer);
      }
      answers.set(year, byPeriod);
    }
    if (JSON.stringify(before) === JSON.stringify(await events())) return { answers, records: before };
  }
  throw new Error('the records kept changing while the statistics were read');
}

describe('statistics cannot be differenced (issue 8 point 11)', () => {
  let collected: Awaited<ReturnType<typeof collect>>;
  beforeAll(async () => {
    dbs = [await open('hub_coordination'), await open('hub_police'), await open('hub_immigration'), await open('hub_social_services')];
    collected = await collect();
  }, 120_000);

  it('lets no count between 1 and k−1 be worked out from every answer the API allows, pair by pair or all together', () => {
    const found: string[] = [];
    let pairs = 0;
    let hidden = 0;
    let small = 0;
    for (const year of YEARS) {
      for (const stream of STREAMS) {
        const result = attackYear(year, stream, collected.answers.get(year)!, collected.records, false);
        found.push(...result.recovered, ...result.byPair);
        pairs += result.pairs;
        hidden += result.hidden;
        small += result.small;
      }
    }
    expect(found).toEqual([]);
    // The attack had something to attack: many pairs, many hidden cells, many small counts in the records.
    expect(pairs).toBeGreaterThan(10_000);
    expect(hidden).toBeGreaterThan(100);
    expect(small).toBeGreaterThan(200);
  });

  it('publishes every count of a region as its records say, its breakdowns for the whole country only, and the same national figures', () => {
    const wrong: string[] = [];
    let shown = 0;
    for (const year of YEARS) {
      for (const period of periodsOfYear(year)) {
        const answer = collected.answers.get(year)!.get(period.key)!;
        for (const stream of STREAMS.filter((x) => x.total)) {
          const [query, field] = stream.total!;
          for (const r of REGIONS) {
            const cell = answer[`${query}_${r}`]![field] as Count;
            const real = collected.records.filter((e) => e.stream === stream.name && e.region === r && e.at >= period.from && e.at < period.to).length;
            if (!cell.suppressed) shown++;
            if (!cell.suppressed && cell.value !== real) wrong.push(`${period.key} ${r} ${field}: ${cell.value}, records ${real}`);
            if (cell.suppressed && cell.value !== null) wrong.push(`${period.key} ${r} ${field}: suppressed with a value`);
          }
        }
        for (const r of REGIONS) {
          const caseload = answer[`caseloadStatistics_${r}`]!;
          for (const f of ['byExploitationForm', 'byGender', 'byAgeGroup', 'byNationality']) if ((caseload[f] as Cell[]).length) wrong.push(`${period.key} ${r} ${f} not empty`);
          if ((answer[`immigrationStatistics_${r}`]!.permitsGrantedByType as Cell[]).length) wrong.push(`${period.key} ${r} permits by type not empty`);
          if (!(answer[`assistanceStatistics_${r}`]!.assistanceAccepted as Count).suppressed) wrong.push(`${period.key} ${r} accepted shown`);
          // The region's one byRegion cell is the national answer's cell of that region.
          const national = (answer.caseloadStatistics!.byRegion as Cell[]).filter((c) => c.key === r);
          if (JSON.stringify(caseload.byRegion) !== JSON.stringify(national)) wrong.push(`${period.key} ${r} byRegion differs`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(shown).toBeGreaterThan(200);
  });

  it('is an attacker that succeeds against primary suppression alone', () => {
    const recovered = YEARS.flatMap((year) =>
      STREAMS.flatMap((stream) => {
        const r = attackYear(year, stream, collected.answers.get(year)!, collected.records, true);
        return [...r.recovered, ...r.byPair];
      }),
    );
    expect(recovered.length).toBeGreaterThan(20);
  });

  it('merges small categories instead of hiding large ones: a small OTHER never hides the men', () => {
    const found: string[] = [];
    for (const year of YEARS) {
      for (const period of periodsOfYear(year).filter((p) => p.kind !== 'MONTH')) {
        const caseload = collected.answers.get(year)!.get(period.key)!.caseloadStatistics!;
        const gender = caseload.byGender as Cell[];
        const others = collected.records.filter((e) => e.stream === 'victims' && e.at >= period.from && e.at < period.to && e.keys.gender![0] === 'OTHER').length;
        // Where OTHER is small it is merged with MALE, so the men are never hidden to protect it.
        if (others > 0 && others < k && gender.some((c) => c.key === 'OTHER')) found.push(`${period.key}: OTHER = ${others} listed on its own`);
        const identified = (caseload.identified as Count).value;
        if (period.kind === 'YEAR' && identified !== null && identified >= 4 * k && gender.some((c) => c.suppressed)) {
          found.push(`${period.key}: ${identified} identified, gender hidden: ${JSON.stringify(gender)}`);
        }
      }
    }
    expect(found).toEqual([]);
    const merged = YEARS.filter((y) => (collected.answers.get(y)!.get(String(y))!.caseloadStatistics!.byGender as Cell[]).some((c) => c.key === 'MALE_OR_OTHER'));
    expect(merged.length).toBeGreaterThan(0);
  });
});
