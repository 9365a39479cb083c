import { badInput } from '@hub/shared';
import { type Permit, PermitDecision, PermitType } from '../entities/permit';

/** Not renewable: one reflection period of six calendar months. */
export const REFLECTION_PERIOD_MONTHS = 6;
/** A temporary permit runs for at most a year; it is renewed by a new application. */
export const TEMPORARY_PERMIT_MAX_MONTHS = 12;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar months, keeping the time of day; the 31st clamps to the last day of a shorter month. */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(d.getTime());
  out.setUTCFullYear(y, m, Math.min(d.getUTCDate(), lastDay));
  return out;
}

/** Whole days from `now` until `endsAt`, rounded up; 0 once it has ended. */
export function daysLeft(endsAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((endsAt.getTime() - now.getTime()) / DAY_MS));
}

/** The validity a decision gives a permit, or BAD_USER_INPUT naming the offending field. */
export function permitValidity(
  type: PermitType,
  decision: PermitDecision,
  validFrom: Date | null,
  validUntil: Date | null,
  now: Date,
): { validFrom: Date | null; validUntil: Date | null } {
  if (decision === PermitDecision.PENDING) throw badInput('decision', 'A decision is GRANTED or REFUSED');
  if (decision === PermitDecision.REFUSED) {
    if (validFrom || validUntil) throw badInput(validFrom ? 'validFrom' : 'validUntil', 'A refusal has no validity period');
    return { validFrom: null, validUntil: null };
  }
  if (type === PermitType.PERMANENT_RESIDENCE) {
    if (validUntil) throw badInput('validUntil', 'A permanent permit has no end date');
    return { validFrom: validFrom ?? now, validUntil: null };
  }
  if (!validFrom) throw badInput('validFrom', 'A temporary permit needs validFrom');
  if (!validUntil) throw badInput('validUntil', 'A temporary permit needs validUntil');
  if (validUntil <= validFrom) throw badInput('validUntil', 'validUntil must be after validFrom');
  if (validUntil > addMonths(validFrom, TEMPORARY_PERMIT_MAX_MONTHS)) {
    throw badInput('validUntil', 'A temporary permit is valid for at most one year');
  }
  return { validFrom, validUntil };
}

/** Permanent residence: open to a victim who gave evidence in court and holds no permanent permit yet. */
export function permanentResidenceEligibility(
  testifiedInCourt: boolean,
  permits: readonly Permit[],
): { eligible: boolean; reason: string } {
  if (!testifiedInCourt) {
    return { eligible: false, reason: 'Has not given evidence in court, which a permanent permit requires' };
  }
  const permanent = permits.filter((p) => p.type === PermitType.PERMANENT_RESIDENCE);
  if (permanent.some((p) => p.decision === PermitDecision.GRANTED)) {
    return { eligible: false, reason: 'A permanent residence permit has already been granted' };
  }
  if (permanent.some((p) => p.decision === PermitDecision.PENDING)) {
    return { eligible: true, reason: 'Has given evidence in court; an application for a permanent permit is pending' };
  }
  return { eligible: true, reason: 'Has given evidence in court and holds no permanent permit' };
}
