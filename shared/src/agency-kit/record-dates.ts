import { MaxDate } from 'class-validator';
import { badInput } from '../errors/hub-error';

/**
 * The dates an agency records (docs/architecture.md, "Conventions"): a record says what happened, not what is
 * planned, so a date later than now is refused — beyond a minute's difference between the caller's clock and
 * the hub's. One rule for every subgraph, in two forms: a validation decorator for the fields of input types
 * (`NotInFuture`), and a check for scalar arguments, which no validator sees (`requireRecordedDate`).
 */

/** Tolerated difference between the caller's clock and the hub's. */
export const CLOCK_SKEW_MS = 60_000;

/** The latest moment a record may say something happened. */
export const latestRecordedAt = (now: Date = new Date()): Date => new Date(now.getTime() + CLOCK_SKEW_MS);

/** Input-type field rule: `<field> cannot be in the future` (a minute's clock skew allowed). */
export const NotInFuture = (field: string): PropertyDecorator =>
  MaxDate(() => latestRecordedAt(), { message: `${field} cannot be in the future` });

/**
 * Refuses, as BAD_USER_INPUT on `field`, a date that is not valid, is in the future (beyond the clock skew) or,
 * when `notBefore` is given, is before it (`what` names it in the message: "endedAt cannot be before the decision").
 */
export function requireRecordedDate(field: string, value: Date, now: Date, notBefore?: { date: Date; what: string }): void {
  if (Number.isNaN(value.getTime())) throw badInput(field, `${field} is not a valid date`);
  if (value.getTime() > latestRecordedAt(now).getTime()) throw badInput(field, `${field} cannot be in the future`);
  if (notBefore && value.getTime() < notBefore.date.getTime()) throw badInput(field, `${field} cannot be before ${notBefore.what}`);
}
