import type { SeededRandom } from './random';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

export function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * HOUR_MS);
}

/** Calendar months, keeping the time of day; the 31st clamps to the last day of a shorter month. */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(d.getTime());
  out.setUTCFullYear(y, m, Math.min(d.getUTCDate(), lastDay));
  return out;
}

export function minDate(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

export function maxDate(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

export function iso(d: Date): string {
  return d.toISOString();
}

export function isoOrNull(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** A moment in [from, to], rounded down to the minute (but never before `from`). */
export function dateBetween(rng: SeededRandom, from: Date, to: Date): Date {
  const a = from.getTime();
  const b = Math.max(a, to.getTime());
  const t = a + Math.floor(rng.next() * (b - a));
  return new Date(Math.max(a, t - (t % 60000)));
}

/** `from` plus a random number of whole days in [minDays, maxDays] plus a few working hours. */
export function daysAfter(rng: SeededRandom, from: Date, minDays: number, maxDays: number): Date {
  return new Date(from.getTime() + rng.int(minDays, maxDays) * DAY_MS + rng.int(1, 8 * 60) * 60000);
}
