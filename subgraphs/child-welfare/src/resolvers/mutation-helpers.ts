import { DataCategory, type WriteScope, badInput, conflict } from '@hub/shared';

/** Refuses a date in the future (a minute's clock skew allowed) or, when given, before `notBefore`. */
export function checkDate(field: string, value: Date, notBefore?: { date: Date; what: string }): void {
  if (Number.isNaN(value.getTime())) throw badInput(field, `${field} is not a valid date`);
  if (value.getTime() > Date.now() + 60_000) throw badInput(field, `${field} cannot be in the future`);
  if (notBefore && value < notBefore.date) throw badInput(field, `${field} cannot be before ${notBefore.what}`);
}

/**
 * Child-welfare decisions concern minors only; the coordination registry says who is a minor. Age is IDENTITY:
 * to a caller who may not read it (child welfare reads identity of minors only), an adult looks like an unknown id.
 */
export async function requireMinor(write: WriteScope, message: string): Promise<void> {
  if (!write.facts?.minor) throw await write.refusal([DataCategory.IDENTITY], conflict(message));
}
