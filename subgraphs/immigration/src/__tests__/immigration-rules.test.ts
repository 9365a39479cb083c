// jest cannot require jose's ESM build; these rules never sign anything, so a stub is enough here.
jest.mock('jose', () => ({}));

import { HubError } from '@hub/shared';
import { type Permit, PermitDecision, PermitType } from '../entities/permit';
import { addMonths, daysLeft, permanentResidenceEligibility, permitValidity } from '../resolvers/immigration-rules';

const d = (iso: string): Date => new Date(iso);
const now = d('2025-06-01T10:00:00Z');
const permit = (type: PermitType, decision: PermitDecision): Permit =>
  ({ id: 'pm-1', victimId: 'v-1', type, decision, appliedAt: now, decidedAt: null, validFrom: null, validUntil: null }) as Permit;

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof HubError ? `${error.code}:${String(error.extensions.field)}` : 'other';
  }
  return undefined;
};

describe('immigration rules', () => {
  it('counts calendar months and clamps the 31st', () => {
    expect(addMonths(d('2025-01-15T08:00:00Z'), 6).toISOString()).toBe('2025-07-15T08:00:00.000Z');
    expect(addMonths(d('2025-08-31T08:00:00Z'), 6).toISOString()).toBe('2026-02-28T08:00:00.000Z');
  });

  it('counts days left, never below zero', () => {
    expect(daysLeft(d('2025-06-03T09:00:00Z'), now)).toBe(2);
    expect(daysLeft(d('2025-05-01T00:00:00Z'), now)).toBe(0);
  });

  it('bounds a temporary permit to one year with both dates', () => {
    const T = PermitType.TEMPORARY_RESIDENCE;
    const G = PermitDecision.GRANTED;
    expect(permitValidity(T, G, d('2025-06-01T00:00:00Z'), d('2026-06-01T00:00:00Z'), now).validUntil).toEqual(d('2026-06-01T00:00:00Z'));
    expect(codeOf(() => permitValidity(T, G, d('2025-06-01T00:00:00Z'), d('2026-06-02T00:00:00Z'), now))).toBe('BAD_USER_INPUT:validUntil');
    expect(codeOf(() => permitValidity(T, G, null, d('2026-01-01T00:00:00Z'), now))).toBe('BAD_USER_INPUT:validFrom');
    expect(codeOf(() => permitValidity(T, G, d('2025-06-01T00:00:00Z'), null, now))).toBe('BAD_USER_INPUT:validUntil');
    expect(codeOf(() => permitValidity(T, PermitDecision.PENDING, null, null, now))).toBe('BAD_USER_INPUT:decision');
  });

  it('gives a permanent permit no end date', () => {
    const P = PermitType.PERMANENT_RESIDENCE;
    expect(permitValidity(P, PermitDecision.GRANTED, null, null, now)).toEqual({ validFrom: now, validUntil: null });
    expect(codeOf(() => permitValidity(P, PermitDecision.GRANTED, null, d('2030-01-01T00:00:00Z'), now))).toBe('BAD_USER_INPUT:validUntil');
    expect(permitValidity(P, PermitDecision.REFUSED, null, null, now)).toEqual({ validFrom: null, validUntil: null });
  });

  it('makes permanent residence depend on testimony and on no permanent permit yet', () => {
    expect(permanentResidenceEligibility(false, []).eligible).toBe(false);
    expect(permanentResidenceEligibility(true, [permit(PermitType.TEMPORARY_RESIDENCE, PermitDecision.GRANTED)]).eligible).toBe(true);
    expect(permanentResidenceEligibility(true, [permit(PermitType.PERMANENT_RESIDENCE, PermitDecision.PENDING)]).eligible).toBe(true);
    expect(permanentResidenceEligibility(true, [permit(PermitType.PERMANENT_RESIDENCE, PermitDecision.GRANTED)]).eligible).toBe(false);
  });
});
