import type { HubCaller } from '../../auth/hub-caller';
import { Agency, DataCategory, Purpose, Region, Role } from '../../domain/enums';
import type { ActiveConsent } from '../../policy/consent';
import { type VictimContext, decide } from '../../policy/decide';
import { decideHandover, handoverConsent } from '../decide-handover';
import { CounterpartKind, HandoverPurpose, sameCounterpart } from '../handover-types';

const now = new Date('2026-06-01T12:00:00Z');
const caller = (agency: Agency, role: Role, regions: Region[] = []): HubCaller => ({
  sub: 's', agency, role, regions, purpose: Purpose.CASE_COORDINATION, justification: null, requestId: 'r', via: 'coordination',
});
const coordinator = caller(Agency.COORDINATION, Role.COORDINATOR);
const liaison = { kind: CounterpartKind.FOREIGN_POLICE_LIAISON, name: 'Romanian police liaison, Oslo', country: 'RO' };
const returning = { counterpart: liaison, purpose: HandoverPurpose.FOREIGN_INVESTIGATION };

/** A consent to the liaison for a foreign investigation, of IDENTITY and POLICE_CASE, valid all year. */
const toLiaison = (change: Partial<ActiveConsent> = {}): ActiveConsent => ({
  id: 'cs-liaison', recipients: [], purposes: [], categories: [DataCategory.IDENTITY, DataCategory.POLICE_CASE],
  validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', withdrawnAt: null,
  counterpart: liaison, handoverPurpose: HandoverPurpose.FOREIGN_INVESTIGATION, ...change,
});
const victim = (consents: ActiveConsent[], region: Region | null = Region.OSLO): VictimContext => ({
  id: 'v-1', region, minor: false, policeInvestigation: false, referredByNgo: false, consents,
});
const answer = (d: ReturnType<typeof decide>): string => (d.allow ? `ALLOW ${d.basis.kind === 'CONSENT' ? d.basis.consentId : d.basis.kind}` : d.code);

describe('decideHandover: what a cross-border hand-over may hold (docs/architecture.md#cross-border-hand-over)', () => {
  it('opens exactly the categories the consent to this counterpart and purpose names', () => {
    const v = victim([toLiaison()]);
    expect(answer(decideHandover(coordinator, DataCategory.IDENTITY, v, returning, now))).toBe('ALLOW cs-liaison');
    expect(answer(decideHandover(coordinator, DataCategory.POLICE_CASE, v, returning, now))).toBe('ALLOW cs-liaison');
    expect(answer(decideHandover(coordinator, DataCategory.HEALTH_SUMMARY, v, returning, now))).toBe('CONSENT_REQUIRED');
    expect(answer(decideHandover(coordinator, DataCategory.CASE_STATUS, v, returning, now))).toBe('CONSENT_REQUIRED');
  });

  it.each<[string, Partial<ActiveConsent>]>([
    ['another counterpart (same kind and country, other name)', { counterpart: { ...liaison, name: 'Bulgarian police liaison' } }],
    ['another kind of counterpart', { counterpart: { ...liaison, kind: CounterpartKind.INTERNATIONAL_ORGANISATION } }],
    ['another country', { counterpart: { ...liaison, country: 'BG' } }],
    ['another purpose', { handoverPurpose: HandoverPurpose.VOLUNTARY_RETURN }],
    ['a withdrawn consent', { withdrawnAt: '2026-05-01T00:00:00Z' }],
    ['a consent that has ended', { validUntil: '2026-05-31T00:00:00Z' }],
    ['a consent not yet in force', { validFrom: '2026-06-02T00:00:00Z' }],
    ['no counterpart at all (a consent to agencies)', { counterpart: null, handoverPurpose: null, recipients: [Agency.POLICE], purposes: [Purpose.INVESTIGATION] }],
  ])('does not open anything with %s', (_name, change) => {
    expect(answer(decideHandover(coordinator, DataCategory.IDENTITY, victim([toLiaison(change)]), returning, now))).toBe('CONSENT_REQUIRED');
  });

  it('matches the counterpart by name regardless of case and spacing, not by look-alikes', () => {
    expect(sameCounterpart(liaison, { ...liaison, name: '  romanian POLICE liaison,   Oslo ' })).toBe(true);
    expect(sameCounterpart(liaison, { ...liaison, name: 'Romanian police liaison, Oslo 2' })).toBe(false);
  });

  it('never hands over the access log, even when a consent names it', () => {
    const v = victim([toLiaison({ categories: [DataCategory.ACCESS_LOG] })]);
    expect(answer(decideHandover(coordinator, DataCategory.ACCESS_LOG, v, returning, now))).toBe('FORBIDDEN');
  });

  it('is asked only for a coordinator, inside their regions; a caseworker, an investigator and a region outside are refused', () => {
    const v = victim([toLiaison()]);
    expect(answer(decideHandover(caller(Agency.COORDINATION, Role.CASEWORKER, [Region.OSLO]), DataCategory.IDENTITY, v, returning, now))).toBe('FORBIDDEN');
    expect(answer(decideHandover(caller(Agency.POLICE, Role.INVESTIGATOR), DataCategory.IDENTITY, v, returning, now))).toBe('FORBIDDEN');
    expect(answer(decideHandover(caller(Agency.COORDINATION, Role.COORDINATOR, [Region.NORTH]), DataCategory.IDENTITY, v, returning, now))).toBe('FORBIDDEN');
    expect(answer(decideHandover(caller(Agency.COORDINATION, Role.COORDINATOR, [Region.OSLO]), DataCategory.IDENTITY, v, returning, now))).toBe('ALLOW cs-liaison');
  });

  it('decides an unknown victim as one without consent', () => {
    expect(answer(decideHandover(coordinator, DataCategory.IDENTITY, null, returning, now))).toBe('CONSENT_REQUIRED');
    expect(answer(decideHandover(coordinator, DataCategory.IDENTITY, victim([]), returning, now))).toBe('CONSENT_REQUIRED');
  });

  it('a consent to a counterpart opens nothing to any agency through decide()', () => {
    const v = victim([toLiaison()]);
    const investigator = { ...caller(Agency.POLICE, Role.INVESTIGATOR), purpose: Purpose.INVESTIGATION };
    expect(answer(decide(investigator, DataCategory.IDENTITY, v, now))).toBe('CONSENT_REQUIRED');
  });

  it('prefers the most recently recorded of several matching consents', () => {
    const older = toLiaison({ id: 'cs-old' });
    const newer = toLiaison({ id: 'cs-new', categories: [DataCategory.IDENTITY] });
    expect(handoverConsent([older, newer], returning, null, now)?.id).toBe('cs-new');
    expect(handoverConsent([older, newer], returning, DataCategory.POLICE_CASE, now)?.id).toBe('cs-old');
  });
});
