/**
 * Fixed reporting periods (docs/architecture.md, "Statistics"; issue 8 point 11): statistics are published for a
 * calendar month, quarter or year (UTC) and nothing else, so two answers never overlap in part. A year is the unit
 * of protection: every period of one year is protected together (see `protectYear`), and no period spans two years.
 */

export type ReportingPeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';

export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  /** `2026-07`, `2026-Q3` or `2026`. */
  key: string;
  year: number;
  /** The months of the year it covers, 0-based: [6, 7, 8] for 2026-Q3. */
  months: number[];
  /** Start, inclusive. */
  from: Date;
  /** End, exclusive. */
  to: Date;
}

const range = (start: number, count: number): number[] => Array.from({ length: count }, (_, i) => start + i);

const make = (kind: ReportingPeriodKind, key: string, year: number, months: number[]): ReportingPeriod => ({
  kind,
  key,
  year,
  months,
  from: new Date(Date.UTC(year, months[0]!, 1)),
  to: new Date(Date.UTC(year, months[months.length - 1]! + 1, 1)),
});

export const monthPeriod = (year: number, month: number): ReportingPeriod =>
  make('MONTH', `${year}-${String(month + 1).padStart(2, '0')}`, year, [month]);
export const quarterPeriod = (year: number, quarter: number): ReportingPeriod =>
  make('QUARTER', `${year}-Q${quarter}`, year, range((quarter - 1) * 3, 3));
export const yearPeriod = (year: number): ReportingPeriod => make('YEAR', String(year), year, range(0, 12));

/** The years statistics may be asked for: a four-digit year from 2000 on. */
const validYear = (year: number): boolean => Number.isSafeInteger(year) && year >= 2000 && year <= 9999;

/** A period from its key (`2026-07`, `2026-Q3`, `2026`), or undefined when the key is not one. */
export function parseReportingPeriod(key: string): ReportingPeriod | undefined {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return validYear(year) && m >= 1 && m <= 12 ? monthPeriod(year, m - 1) : undefined;
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return validYear(Number(quarter[1])) ? quarterPeriod(Number(quarter[1]), Number(quarter[2])) : undefined;
  if (/^\d{4}$/.test(key)) return validYear(Number(key)) ? yearPeriod(Number(key)) : undefined;
  return undefined;
}

/** The fixed period that runs exactly from `from` to `to`, or undefined when there is none. */
export function periodOfRange(from: Date, to: Date): ReportingPeriod | undefined {
  if (from.getUTCDate() !== 1 || from.getTime() % 86_400_000 !== 0) return undefined;
  const year = from.getUTCFullYear();
  const m = from.getUTCMonth();
  const candidates = [monthPeriod(year, m), ...(m % 3 === 0 ? [quarterPeriod(year, m / 3 + 1)] : []), ...(m === 0 ? [yearPeriod(year)] : [])];
  return candidates.find((p) => p.to.getTime() === to.getTime());
}

/** Every period of a year: the year, its four quarters and its twelve months. */
export const periodsOfYear = (year: number): ReportingPeriod[] => [
  yearPeriod(year),
  ...range(1, 4).map((q) => quarterPeriod(year, q)),
  ...range(0, 12).map((m) => monthPeriod(year, m)),
];

/** The quarter `offset` quarters after `period` (a quarter); negative for earlier ones. */
export function shiftQuarter(period: ReportingPeriod, offset: number): ReportingPeriod {
  const index = period.year * 4 + Math.floor(period.months[0]! / 3) + offset;
  return quarterPeriod(Math.floor(index / 4), (index % 4) + 1);
}
