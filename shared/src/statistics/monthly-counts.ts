import type { BreakdownSpec, YearCounts } from './protect-year';
import { type ReportingPeriod, yearPeriod } from './reporting-period';

/** A row of a monthly aggregate: the month (0-based) and count as SQL returns them; `key` for breakdowns. */
export interface MonthlyRow {
  month: number | string;
  key?: string;
  count: number | string;
}

/** The month (0–11, UTC) of a timestamp column, as SQL: `monthOf('identified_at')`. */
export const monthOf = (column: string): string => `(extract(month from ${column} AT TIME ZONE 'UTC')::int - 1)`;

/** `[from, to)` of the year that holds `period`: statistics are computed for the whole year and then protected. */
export const yearBounds = (period: ReportingPeriod): [Date, Date] => {
  const year = yearPeriod(period.year);
  return [year.from, year.to];
};

/** Counts by month of one year: twelve numbers. */
export function monthlyTotal(rows: readonly MonthlyRow[]): number[] {
  const out = Array<number>(12).fill(0);
  for (const r of rows) out[Number(r.month)] = (out[Number(r.month)] ?? 0) + Number(r.count);
  return out;
}

/** Counts by key and month of one year. */
export function monthlyByKey(rows: readonly MonthlyRow[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const key = r.key ?? '';
    if (!out.has(key)) out.set(key, Array<number>(12).fill(0));
    out.get(key)![Number(r.month)]! += Number(r.count);
  }
  return out;
}

/** A row of a monthly aggregate of one stratum (a region); `stratum` null when the record's region is not known. */
export interface StratifiedRow extends MonthlyRow {
  stratum: string | null;
}

/** The stratum of records whose region is not known: counted in the whole country, never published on its own. */
export const UNKNOWN_STRATUM = 'UNKNOWN';

/**
 * One year's counts by stratum and their national sums (see `YearCounts.strata`), from rows that carry their
 * stratum: the strata named, in that order, then any others met in the rows (sorted) and `UNKNOWN` for rows
 * without one. Every stratum named is present, with zeros when it has no rows.
 */
export function stratifiedCounts(
  year: number,
  strata: readonly string[],
  rows: { total?: readonly StratifiedRow[]; breakdowns: readonly { spec: BreakdownSpec; rows: readonly StratifiedRow[] }[] },
): YearCounts {
  const all = [...(rows.total ?? []), ...rows.breakdowns.flatMap((b) => b.rows)];
  const stratumOf = (r: StratifiedRow) => r.stratum ?? UNKNOWN_STRATUM;
  const extra = [...new Set(all.map(stratumOf))].filter((s) => !strata.includes(s) && s !== UNKNOWN_STRATUM).sort();
  const keys = [...strata, ...extra, ...(all.some((r) => r.stratum === null) ? [UNKNOWN_STRATUM] : [])];
  const of = (key: string) => (r: StratifiedRow) => stratumOf(r) === key;
  return {
    year,
    total: rows.total ? monthlyTotal(rows.total) : undefined,
    breakdowns: rows.breakdowns.map(({ spec, rows: r }) => ({ spec, byMonth: monthlyByKey(r) })),
    strata: keys.map((key) => ({
      key,
      total: rows.total ? monthlyTotal(rows.total.filter(of(key))) : undefined,
      breakdowns: new Map(rows.breakdowns.map(({ spec, rows: r }) => [spec.name, monthlyByKey(r.filter(of(key)))])),
    })),
  };
}
