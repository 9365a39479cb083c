import { badInput } from '@hub/shared';

/** Tolerated clock difference between the caller's system and ours. */
const CLOCK_SKEW_MS = 60_000;

// The shared schema builder runs no argument validation, so the rules this subgraph relies on are checked here.

/** Refuses a date later than now (beyond clock skew): records say what happened, not what is planned. */
export function requireNotInFuture(field: string, value: Date, now: Date): void {
  if (value.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput(field, `${field} cannot be in the future`);
}

/** Refuses an end before its start. */
export function requireNotBefore(field: string, value: Date, start: Date, startField: string): void {
  if (value.getTime() < start.getTime()) throw badInput(field, `${field} cannot be before ${startField}`);
}
