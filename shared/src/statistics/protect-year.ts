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
}

export interface YearCounts {
  year: number;
  /** The period's total by month (0-based), when it is published; breakdowns with `partitionsTotal` sum to it. */
  total?: readonly number[];
  breakdowns: readonly { spec: BreakdownSpec; byMonth: ReadonlyMap<string, readonly number[]> }[];
}

export interface ProtectedYear {
  /** The total of a period of this year (undefined when the counts have none). */
  total(period: ReportingPeriod): SuppressedCell | undefined;
  /** A breakdown of a period of this year, merged and suppressed; empty for a month (it publishes its total only). */
  breakdown(period: ReportingPeriod, name: string): SuppressedCell[];
}

const TOTAL = '';

interface Cell {
  id: string;
  period: string;
  column: string;
  key: string;
  atoms: number[];
  count: number;
}

/** The cells of one year, their groups (a total and its parts) and the relations between them. */
function layout(counts: YearCounts, k: number) {
  const columns: { column: string; byMonth: readonly number[] }[] = [];
  if (counts.total) columns.push({ column: TOTAL, byMonth: counts.total });
  const published = new Map<string, { key: string; members: string[] }[]>();
  const periods = periodsOfYear(counts.year);
  const small = (n: number) => n > 0 && n < k;
  for (const { spec, byMonth } of counts.breakdowns) {
    const keys = [...spec.keys, ...[...byMonth.keys()].filter((key) => !spec.keys.includes(key)).sort()];
    for (const key of keys) columns.push({ column: `${spec.name}:${key}`, byMonth: byMonth.get(key) ?? Array(12).fill(0) });
    const countIn = (key: string, p: ReportingPeriod) => p.months.reduce((s, m) => s + (byMonth.get(key)?.[m] ?? 0), 0);
    const smallInAQuarter = (key: string) => periods.filter((p) => p.kind !== 'MONTH').some((p) => small(countIn(key, p)));
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
  const index = new Map(columns.map((c, i) => [c.column, i]));
  const atom = (column: string, month: number) => index.get(column)! * 12 + month;
  const countOf = (column: string, months: readonly number[]) =>
    months.reduce((s, m) => s + (columns[index.get(column)!]!.byMonth[m] ?? 0), 0);

  const cells: Cell[] = [];
  const add = (period: ReportingPeriod, column: string, key: string, fine: readonly string[]) =>
    cells.push({
      id: `${period.key}|${column}|${key}`,
      period: period.key,
      column,
      key,
      atoms: fine.flatMap((f) => period.months.map((m) => atom(f, m))),
      count: fine.reduce((s, f) => s + countOf(f, period.months), 0),
    });
  for (const period of periods) {
    if (counts.total) add(period, TOTAL, TOTAL, [TOTAL]);
    if (period.kind === 'MONTH') continue; // a month publishes its total only
    for (const { spec } of counts.breakdowns) {
      for (const { key, members } of published.get(spec.name)!) add(period, spec.name, key, members.map((m) => `${spec.name}:${m}`));
    }
  }
  const byId = new Map(cells.map((c) => [c.id, c]));
  // Groups: a shown sum and its parts, along the periods (year ← quarters ← months) and along a breakdown.
  const groups: { sum: Cell; parts: Cell[] }[] = [];
  const cellOf = (period: ReportingPeriod, column: string, key: string) => byId.get(`${period.key}|${column}|${key}`)!;
  const keysOf = (column: string) => (column === TOTAL ? [TOTAL] : published.get(column)!.map((e) => e.key));
  const children = (p: ReportingPeriod) =>
    periods.filter((c) => (p.kind === 'YEAR' ? c.kind === 'QUARTER' : p.kind === 'QUARTER' && c.kind === 'MONTH' && p.months.includes(c.months[0]!)));
  for (const column of [...(counts.total ? [TOTAL] : []), ...counts.breakdowns.map((b) => b.spec.name)]) {
    for (const key of keysOf(column)) {
      for (const p of periods.filter((x) => (column === TOTAL ? x.kind !== 'MONTH' : x.kind === 'YEAR'))) {
        groups.push({ sum: cellOf(p, column, key), parts: children(p).map((c) => cellOf(c, column, key)) });
      }
    }
  }
  const relations: number[][] = [];
  for (const { spec } of counts.breakdowns) {
    if (!spec.partitionsTotal || !counts.total) continue;
    for (const p of periods.filter((x) => x.kind !== 'MONTH')) groups.push({ sum: cellOf(p, TOTAL, TOTAL), parts: keysOf(spec.name).map((key) => cellOf(p, spec.name, key)) });
    const fine = columns.filter((c) => c.column.startsWith(`${spec.name}:`)).map((c) => c.column);
    for (let m = 0; m < 12; m++) relations.push([atom(TOTAL, m), ...fine.map((f) => atom(f, m))]);
  }
  return { cells, groups, relations, size: columns.length * 12, published };
}

/** The suppressed cells of a layout: primary, then secondary until nothing is given away. */
function suppress({ cells, groups, relations, size }: ReturnType<typeof layout>, k: number): Set<string> {
  const suppressed = new Set(cells.filter((c) => c.count > 0 && c.count < k).map((c) => c.id));
  // A small total hides all its parts, zeros included: a 0 beside them would say what the few have in common.
  for (const g of groups) if (g.sum.column === TOTAL && g.parts.some((p) => p.column !== TOTAL) && suppressed.has(g.sum.id)) g.parts.forEach((p) => suppressed.add(p.id));
  const groupsOf = new Map<string, { sum: Cell; parts: Cell[] }[]>();
  for (const g of groups) for (const c of [g.sum, ...g.parts]) groupsOf.set(c.id, [...(groupsOf.get(c.id) ?? []), g]);

  for (;;) {
    const exposed = givenAway(cells, groups, relations, size, suppressed, k);
    if (exposed.length === 0) return suppressed;
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
  }
}

/** The cell of the smallest count (ties: parts of a breakdown before totals, then by id), or undefined. */
const smallest = (cells: readonly Cell[]): Cell | undefined =>
  [...cells].sort((a, b) => a.count - b.count || Number(a.column === TOTAL) - Number(b.column === TOTAL) || a.id.localeCompare(b.id))[0];

/** The suppressed cells someone who knows these rules can work out from the shown ones. */
function givenAway(
  cells: readonly Cell[],
  groups: readonly { sum: Cell; parts: Cell[] }[],
  relations: readonly number[][],
  size: number,
  suppressed: ReadonlySet<string>,
  k: number,
): Cell[] {
  const span = new LinearSpan(size);
  for (const r of relations) span.add(r, r.map((_, i) => (i === 0 ? -1 : 1)));
  for (const c of cells) if (!suppressed.has(c.id)) span.add(c.atoms);
  const exposed = new Map<string, Cell>();
  for (const c of cells) if (suppressed.has(c.id) && span.contains(c.atoms)) exposed.set(c.id, c);
  for (const g of groups) {
    if (suppressed.has(g.sum.id)) continue;
    const hidden = g.parts.filter((p) => suppressed.has(p.id));
    const values = new Set(hidden.map((p) => p.count));
    const [v] = values;
    if (hidden.length >= 2 && values.size === 1 && (v === 1 || v === k - 1)) hidden.forEach((p) => exposed.set(p.id, p));
  }
  return [...exposed.values()];
}

const cache = new Map<string, ProtectedYear>();

/** The published statistics of one year, protected as a whole (see the file comment). */
export function protectYear(counts: YearCounts, k: number): ProtectedYear {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([k, counts.year, counts.total, counts.breakdowns.map((b) => [b.spec, [...b.byMonth].sort()])]))
    .digest('hex');
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const laid = layout(counts, k);
  const suppressed = suppress(laid, k);
  const show = (c: Cell): SuppressedCell =>
    suppressed.has(c.id) ? { key: c.key, count: null, suppressed: true } : { key: c.key, count: c.count, suppressed: false };
  const byPeriod = new Map<string, Cell[]>();
  for (const c of laid.cells) byPeriod.set(`${c.period}|${c.column}`, [...(byPeriod.get(`${c.period}|${c.column}`) ?? []), c]);
  const result: ProtectedYear = {
    total: (period) => byPeriod.get(`${period.key}|${TOTAL}`)?.map(show)[0],
    breakdown: (period, name) =>
      period.kind === 'MONTH' ? [] : (byPeriod.get(`${period.key}|${name}`) ?? []).map(show),
  };
  if (cache.size > 64) cache.delete(cache.keys().next().value!);
  cache.set(fingerprint, result);
  return result;
}
