import { createHash } from 'node:crypto';
import { LinearSpan } from './linear-span';
import { type ReportingPeriod, periodsOfYear } from './reporting-period';
import type { SuppressedCell } from './small-cell';

/**
 * The small-cell rules in one place (docs/architecture.md, "Statistics"; issue 8 point 11). Statistics are only
 * published for fixed periods, and every period of one year — the year, its quarters, its months — is protected
 * together, from the same monthly counts, so that no answer and no combination of answers gives a small count
 * away:
 * 1. **Merge** small categories instead of hiding large ones: where a breakdown declares a merge (MALE and OTHER
 *    as MALE_OR_OTHER; every nationality that is small in the year as OTHER), its members are published as one
 *    cell in every period of the year when a member is between 1 and k−1 in the year (or, for a declared list, in
 *    one of its quarters).
 *    Breakdowns are published by quarter and year; a month publishes its total only.
 * 2. **Primary suppression**: every cell between 1 and k−1; every cell of a breakdown whose total is.
 * 3. **Secondary suppression**, until nothing is given away: a suppressed cell is given away when it is a linear
 *    combination of shown cells (a total minus its other parts, a year minus three quarters, a quarter's gender
 *    minus its months…), or when the suppressed parts of a shown total are all 1s or all (k−1)s. Each such cell
 *    takes along the smallest shown other cell of its breakdown in its period, or failing that of its category in
 *    another period (non-zero first), or failing that the smallest total or part of its own: a hidden pair in one
 *    period and another in a second period (a rectangle) protects both with the fewest cells.
 * The answer is a pure function of the counts, so the same records always give the same answer.
 */

export interface BreakdownSpec {
  name: string;
  /** Keys in publication order; keys met only in the data follow, sorted. */
  keys: readonly string[];
  /** Whether each record counts in exactly one cell, so that the cells add up to the period's total. */
  partitionsTotal: boolean;
  /** Members published as one cell `label` when one of them is small (`'small'`: every small key). */
  merge?: { label: string; members: readonly string[] | 'small' };
  /**
   * Published for the whole country only, even when the counts have strata: a breakdown too fine to split by region
   * (by region, nearly all its cells would be small, and protecting them would take the regions' totals with them).
   */
  nationalOnly?: boolean;
}

export interface YearCounts {
  year: number;
  /** The period's total by month (0-based), when it is published; breakdowns with `partitionsTotal` sum to it. */
  total?: readonly number[];
  breakdowns: readonly { spec: BreakdownSpec; byMonth: ReadonlyMap<string, readonly number[]> }[];
  /**
   * The same records split into strata (the regions), when the statistics are published per region too: each
   * stratum's counts, which add up to the national ones (`stratifiedCounts` builds both). Every stratum's cells are
   * protected together with the national ones, so that neither a region against the whole country nor the regions
   * against each other give a small count away.
   */
  strata?: readonly StratumCounts[];
}

export interface StratumCounts {
  key: string;
  total?: readonly number[];
  /** Breakdown name → key → counts by month. */
  breakdowns: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
}

export interface ProtectedYear {
  /** The total of a period of this year (undefined when the counts have none), nationally or of one stratum. */
  total(period: ReportingPeriod, stratum?: string): SuppressedCell | undefined;
  /** A breakdown of a period of this year, merged and suppressed; empty for a month (it publishes its total only). */
  breakdown(period: ReportingPeriod, name: string, stratum?: string): SuppressedCell[];
}

const TOTAL = '';

/** The national view of stratified counts (and the only one of counts without strata). */
const NATIONAL = '';

interface Cell {
  id: string;
  /** NATIONAL or a stratum's key. */
  stratum: string;
  period: string;
  column: string;
  key: string;
  atoms: number[];
  count: number;
}

/** The cells of one year, their groups (a total and its parts) and the relations between them. */
function layout(counts: YearCounts, k: number) {
  // Unknowns ("atoms") are the counts of one stratum, one column (the total or a breakdown's key) and one month;
  // counts without strata are one stratum, the national one. A published cell is a sum of atoms.
  const strata: StratumCounts[] = counts.strata
    ? [...counts.strata]
    : [{ key: NATIONAL, total: counts.total, breakdowns: new Map(counts.breakdowns.map((b) => [b.spec.name, b.byMonth])) }];
  const views = counts.strata ? [NATIONAL, ...strata.map((s) => s.key)] : [NATIONAL];
  const columns: string[] = [];
  if (counts.total) columns.push(TOTAL);
  const published = new Map<string, { key: string; members: string[] }[]>();
  const periods = periodsOfYear(counts.year);
  const small = (n: number) => n > 0 && n < k;
  for (const { spec, byMonth } of counts.breakdowns) {
    const keys = [...spec.keys, ...[...byMonth.keys()].filter((key) => !spec.keys.includes(key)).sort()];
    for (const key of keys) columns.push(`${spec.name}:${key}`);
    const countIn = (key: string, p: ReportingPeriod) => p.months.reduce((s, m) => s + (byMonth.get(key)?.[m] ?? 0), 0);
    const smallInAQuarter = (key: string) => periods.filter((p) => p.kind !== 'MONTH').some((p) => small(countIn(key, p)));
    // Merges are decided on the national counts and hold in every stratum.
    const declared = spec.merge?.members;
    const members =
      declared === 'small'
        ? keys.filter((key) => small(countIn(key, periods[0]!)))
        : declared && declared.some(smallInAQuarter) ? [...declared] : [];
    const entries: { key: string; members: string[] }[] = [];
    for (const key of keys) {
      if (!members.includes(key)) entries.push({ key, members: [key] });
      else if (key === members[0] && declared !== 'small') entries.push({ key: spec.merge!.label, members });
    }
    if (declared === 'small' && members.length > 0) entries.push({ key: spec.merge!.label, members });
    published.set(spec.name, entries);
  }
  const index = new Map(columns.map((c, i) => [c, i]));
  const nationalOnly = new Set(counts.strata ? counts.breakdowns.filter((b) => b.spec.nationalOnly).map((b) => b.spec.name) : []);
  const specOf = (column: string) => column.slice(0, column.indexOf(':'));
  const series = (s: number, column: string): readonly number[] | undefined => {
    const stratum = strata[s]!;
    if (column === TOTAL) return stratum.total;
    const [name, key] = [specOf(column), column.slice(column.indexOf(':') + 1)];
    // A national-only breakdown's counts are atoms of the first stratum's place only.
    if (nationalOnly.has(name)) return s === 0 ? counts.breakdowns.find((b) => b.spec.name === name)!.byMonth.get(key) : undefined;
    return stratum.breakdowns.get(name)?.get(key);
  };
  const atom = (s: number, column: string, month: number) => (s * columns.length + index.get(column)!) * 12 + month;
  /** The strata whose atoms of a fine column (`TOTAL` or `spec:key`) a view adds up. */
  const strataOf = (view: string, fine: string) =>
    fine !== TOTAL && nationalOnly.has(specOf(fine)) ? [0] : view === NATIONAL ? strata.map((_, s) => s) : [strata.findIndex((x) => x.key === view)];

  const cells: Cell[] = [];
  const add = (view: string, period: ReportingPeriod, column: string, key: string, fine: readonly string[]) => {
    const atoms: number[] = [];
    let count = 0;
    for (const f of fine) {
      for (const s of strataOf(view, f)) {
        for (const m of period.months) {
          atoms.push(atom(s, f, m));
          count += series(s, f)?.[m] ?? 0;
        }
      }
    }
    cells.push({ id: `${view}|${period.key}|${column}|${key}`, stratum: view, period: period.key, column, key, atoms, count });
  };
  for (const view of views) {
    for (const period of periods) {
      if (counts.total) add(view, period, TOTAL, TOTAL, [TOTAL]);
      if (period.kind === 'MONTH') continue; // a month publishes its total only
      for (const { spec } of counts.breakdowns) {
        if (view !== NATIONAL && nationalOnly.has(spec.name)) continue;
        for (const { key, members } of published.get(spec.name)!) add(view, period, spec.name, key, members.map((m) => `${spec.name}:${m}`));
      }
    }
  }
  const byId = new Map(cells.map((c) => [c.id, c]));
  // Groups: a shown sum and its parts, along the periods (year ← quarters ← months), along a breakdown and along
  // the strata (the whole country ← its regions).
  const groups: { sum: Cell; parts: Cell[] }[] = [];
  const cellOf = (view: string, period: ReportingPeriod, column: string, key: string) => byId.get(`${view}|${period.key}|${column}|${key}`)!;
  const keysOf = (column: string) => (column === TOTAL ? [TOTAL] : published.get(column)!.map((e) => e.key));
  const children = (p: ReportingPeriod) =>
    periods.filter((c) => (p.kind === 'YEAR' ? c.kind === 'QUARTER' : p.kind === 'QUARTER' && c.kind === 'MONTH' && p.months.includes(c.months[0]!)));
  const columnNames = [...(counts.total ? [TOTAL] : []), ...counts.breakdowns.map((b) => b.spec.name)];
  for (const view of views) {
    for (const column of columnNames.filter((c) => view === NATIONAL || !nationalOnly.has(c))) {
      for (const key of keysOf(column)) {
        for (const p of periods.filter((x) => (column === TOTAL ? x.kind !== 'MONTH' : x.kind === 'YEAR'))) {
          groups.push({ sum: cellOf(view, p, column, key), parts: children(p).map((c) => cellOf(view, c, column, key)) });
        }
      }
    }
    for (const { spec } of counts.breakdowns) {
      if (!spec.partitionsTotal || !counts.total || (view !== NATIONAL && nationalOnly.has(spec.name))) continue;
      for (const p of periods.filter((x) => x.kind !== 'MONTH')) {
        groups.push({ sum: cellOf(view, p, TOTAL, TOTAL), parts: keysOf(spec.name).map((key) => cellOf(view, p, spec.name, key)) });
      }
    }
  }
  if (counts.strata) {
    for (const column of columnNames.filter((c) => !nationalOnly.has(c))) {
      for (const key of keysOf(column)) {
        for (const p of periods.filter((x) => column === TOTAL || x.kind !== 'MONTH')) {
          groups.push({ sum: cellOf(NATIONAL, p, column, key), parts: strata.map((s) => cellOf(s.key, p, column, key)) });
        }
      }
    }
  }
  // Relations: in every month, a partitioning breakdown adds up to the total (a stratum's, or for a national-only
  // breakdown the sum of every stratum's): [atoms that add up, atoms of the sum].
  const relations: Relation[] = [];
  for (const { spec } of counts.breakdowns) {
    if (!spec.partitionsTotal || !counts.total) continue;
    const fine = columns.filter((c) => c.startsWith(`${spec.name}:`));
    for (let m = 0; m < 12; m++) {
      if (nationalOnly.has(spec.name)) relations.push([fine.map((f) => atom(0, f, m)), strata.map((_, s) => atom(s, TOTAL, m))]);
      else for (let s = 0; s < strata.length; s++) relations.push([fine.map((f) => atom(s, f, m)), [atom(s, TOTAL, m)]]);
    }
  }
  return { cells, groups, relations, size: strata.length * columns.length * 12, published };
}

/** The suppressed cells of a layout: primary, then secondary until nothing is given away. */
/** Atoms whose counts add up to the counts of other atoms: [parts, sum]. */
type Relation = [readonly number[], readonly number[]];

function suppress({ cells, groups, relations, size }: ReturnType<typeof layout>, k: number): Set<string> {
  const suppressed = new Set(cells.filter((c) => c.count > 0 && c.count < k).map((c) => c.id));
  // A small total hides all its parts, zeros included: a 0 beside them would say what the few have in common.
  // So does a small national total its regions'.
  for (const g of groups) {
    const parts = g.parts.some((p) => p.column !== TOTAL || p.stratum !== g.sum.stratum);
    if (g.sum.column === TOTAL && parts && suppressed.has(g.sum.id)) g.parts.forEach((p) => suppressed.add(p.id));
  }
  const groupsOf = new Map<string, { sum: Cell; parts: Cell[] }[]>();
  for (const g of groups) for (const c of [g.sum, ...g.parts]) groupsOf.set(c.id, [...(groupsOf.get(c.id) ?? []), g]);

  // Hiding a cell only shrinks what the shown cells span: a hidden cell that does not follow from them stays so.
  // Each round therefore tests only the cells exposed in the last round and those hidden since.
  let candidates: readonly Cell[] = cells.filter((c) => suppressed.has(c.id));
  const shown = new ShownSpan(cells, relations, size);
  for (;;) {
    const exposed = givenAway(shown.of(suppressed), candidates, groups, suppressed, k);
    if (exposed.length === 0) return suppressed;
    const before = new Set(suppressed);
    let added = false;
    // One more cell per total or period at a time: one hidden cell often protects several exposed ones.
    const touched = new Set<{ sum: Cell; parts: Cell[] }>();
    for (const cell of exposed) {
      if ((groupsOf.get(cell.id) ?? []).some((g) => touched.has(g))) continue;
      // Another part of a total or period the cell belongs to, before a total or a longer period.
      const mine = groupsOf.get(cell.id) ?? [];
      const open = (cs: Cell[]) => cs.filter((c) => !suppressed.has(c.id));
      const row = (g: { sum: Cell; parts: Cell[] }) => g.sum.period === g.parts[0]?.period;
      const rowParts = open(mine.filter((g) => g.sum !== cell && row(g)).flatMap((g) => g.parts));
      const parts = open(mine.filter((g) => g.sum !== cell && !row(g)).flatMap((g) => g.parts));
      const sums = open(mine.flatMap((g) => (g.sum === cell ? g.parts : [g.sum])));
      const nonZero = (cs: Cell[]) => smallest(cs.filter((c) => c.count > 0));
      const pick =
        nonZero(rowParts) ?? nonZero(parts) ?? smallest(rowParts) ?? smallest(parts) ?? nonZero(sums) ?? smallest(sums);
      if (pick) {
        suppressed.add(pick.id);
        added = true;
        for (const g of [...mine, ...(groupsOf.get(pick.id) ?? [])]) touched.add(g);
      }
    }
    if (!added) {
      cells.forEach((c) => suppressed.add(c.id));
      return suppressed;
    }
    const retest = new Set(exposed);
    candidates = cells.filter((c) => retest.has(c) || (suppressed.has(c.id) && !before.has(c.id)));
  }
}

/** The cell of the smallest count (ties: parts of a breakdown before totals, then by id), or undefined. */
const smallest = (cells: readonly Cell[]): Cell | undefined =>
  [...cells].sort((a, b) => a.count - b.count || Number(a.column === TOTAL) - Number(b.column === TOTAL) || a.id.localeCompare(b.id))[0];

/** Of the candidates (hidden cells), those someone who knows these rules can work out from the shown cells. */
function givenAway(
  span: LinearSpan,
  candidates: readonly Cell[],
  groups: readonly { sum: Cell; parts: Cell[] }[],
  suppressed: ReadonlySet<string>,
  k: number,
): Cell[] {
  const exposed = new Map<string, Cell>();
  for (const c of candidates) if (span.contains(c.atoms)) exposed.set(c.id, c);
  for (const g of groups) {
    if (suppressed.has(g.sum.id)) continue;
    const hidden = g.parts.filter((p) => suppressed.has(p.id));
    const values = new Set(hidden.map((p) => p.count));
    const [v] = values;
    if (hidden.length >= 2 && values.size === 1 && (v === 1 || v === k - 1)) hidden.forEach((p) => exposed.set(p.id, p));
  }
  return [...exposed.values()];
}

/**
 * The span of the relations and the shown cells, round after round. Cells are added in one fixed order (smallest
 * count first: of the orders tried, the one that rebuilt least on the demo caseload by region) with a snapshot every
 * 16 cells, so that a round rebuilds the span only from the snapshot before the first cell hidden since the last
 * round. The order of adding does not change the span, so neither does it change what is hidden.
 */
class ShownSpan {
  private readonly order: readonly Cell[];
  private readonly snapshots: { at: number; span: LinearSpan }[] = [];
  private added: boolean[] = [];

  constructor(cells: readonly Cell[], relations: readonly Relation[], size: number) {
    this.order = [...cells].sort((a, b) => a.count - b.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const base = new LinearSpan(size);
    for (const [parts, sum] of relations) base.add([...parts, ...sum], [...parts.map(() => 1), ...sum.map(() => -1)]);
    this.snapshots.push({ at: 0, span: base });
  }

  of(suppressed: ReadonlySet<string>): LinearSpan {
    let from = this.order.findIndex((c, i) => this.added[i] && suppressed.has(c.id));
    if (from < 0) from = this.added.length;
    while (this.snapshots.length > 1 && this.snapshots[this.snapshots.length - 1]!.at > from) this.snapshots.pop();
    const start = this.snapshots[this.snapshots.length - 1]!;
    const span = start.span.clone();
    const added = this.added.slice(0, start.at);
    for (let i = start.at; i < this.order.length; i++) {
      if (i > start.at && i % 16 === 0) this.snapshots.push({ at: i, span: span.clone() });
      const shown = !suppressed.has(this.order[i]!.id);
      if (shown) span.add(this.order[i]!.atoms);
      added.push(shown);
    }
    this.added = added;
    return span;
  }
}

const cache = new Map<string, ProtectedYear>();

/** The published statistics of one year, protected as a whole (see the file comment). */
export function protectYear(counts: YearCounts, k: number): ProtectedYear {
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        k,
        counts.year,
        counts.total,
        counts.breakdowns.map((b) => [b.spec, [...b.byMonth].sort()]),
        counts.strata?.map((s) => [s.key, s.total, [...s.breakdowns].map(([name, byKey]) => [name, [...byKey].sort()])]),
      ]),
    )
    .digest('hex');
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const laid = layout(counts, k);
  const suppressed = suppress(laid, k);
  const show = (c: Cell): SuppressedCell =>
    suppressed.has(c.id) ? { key: c.key, count: null, suppressed: true } : { key: c.key, count: c.count, suppressed: false };
  const byPeriod = new Map<string, Cell[]>();
  for (const c of laid.cells) {
    const at = `${c.stratum}|${c.period}|${c.column}`;
    byPeriod.set(at, [...(byPeriod.get(at) ?? []), c]);
  }
  const known = (stratum: string) => {
    if (stratum !== NATIONAL && !counts.strata?.some((s) => s.key === stratum)) throw new RangeError(`No stratum ${stratum} in these counts`);
    return stratum;
  };
  const result: ProtectedYear = {
    total: (period, stratum = NATIONAL) => byPeriod.get(`${known(stratum)}|${period.key}|${TOTAL}`)?.map(show)[0],
    breakdown: (period, name, stratum = NATIONAL) =>
      period.kind === 'MONTH' ? [] : (byPeriod.get(`${known(stratum)}|${period.key}|${name}`) ?? []).map(show),
  };
  if (cache.size > 64) cache.delete(cache.keys().next().value!);
  cache.set(fingerprint, result);
  return result;
}
