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
