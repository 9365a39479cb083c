import type { HubCaller } from '../../auth/hub-caller';
import { Agency, DataCategory, Purpose, Role } from '../../domain/enums';
import { decide, decideWrite, type VictimContext } from '../decide';

/**
 * docs/architecture.md#rights-information: RIGHTS_INFORMATION is held by every agency that handles cases, each of
 * its own. Its staff read and write their own agency's records; another agency's, only by consent (or emergency,
 * reading only); a value derived from every agency's (no holder) is never opened by own records. Written from the
 * rules, by hand.
 */
const now = new Date('2026-03-01T12:00:00.000Z');
const RI = DataCategory.RIGHTS_INFORMATION;
const caller = (agency: Agency, role: Role, purpose: Purpose, extra: Partial<HubCaller> = {}): HubCaller => ({
  sub: 'staff-1', agency, role, purpose, regions: [], justification: null, requestId: 'r-1', via: 'gateway', ...extra,
});
const victim = (consents: VictimContext['consents'] = []): VictimContext => ({
  id: 'v-00000000aa', region: 'EAST' as VictimContext['region'], minor: false, policeInvestigation: false, referredByNgo: false, consents,
});
const staff: [Agency, Role, Purpose][] = [
  [Agency.COORDINATION, Role.COORDINATOR, Purpose.CASE_COORDINATION],
  [Agency.COORDINATION, Role.CASEWORKER, Purpose.CASE_COORDINATION],
  [Agency.POLICE, Role.INVESTIGATOR, Purpose.INVESTIGATION],
  [Agency.POLICE, Role.PROSECUTOR, Purpose.PROSECUTION],
  [Agency.IMMIGRATION, Role.CASEWORKER, Purpose.PERMIT_PROCESSING],
  [Agency.SOCIAL_SERVICES, Role.CASEWORKER, Purpose.SOCIAL_ASSISTANCE],
  [Agency.HEALTH, Role.CLINICIAN, Purpose.CARE],
  [Agency.CHILD_WELFARE, Role.CASEWORKER, Purpose.CHILD_PROTECTION],
];
const holders = [Agency.COORDINATION, Agency.POLICE, Agency.IMMIGRATION, Agency.SOCIAL_SERVICES, Agency.HEALTH, Agency.CHILD_WELFARE];

describe('RIGHTS_INFORMATION, held by each agency that handles cases', () => {
  it.each(staff)('%s %s (%s) reads and writes its own agency’s records, and no other agency’s', (agency, role, purpose) => {
    // Local staff of the victim's region (a coordination caseworker is local staff; national roles alike).
    const who = caller(agency, role, purpose, { regions: ['EAST' as HubCaller['regions'][number]] });
    for (const holder of holders) {
      const own = holder === agency;
      expect([holder, decide(who, RI, victim(), now, holder).allow]).toEqual([holder, own]);
      expect([holder, decideWrite(who, RI, holder).allow]).toEqual([holder, own]);
    }
    expect(decide(who, RI, victim(), now, agency)).toMatchObject({ allow: true, basis: { kind: 'OWN_RECORDS' } });
    expect(decide(who, RI, victim(), now, holders.find((h) => h !== agency))).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
    // Every agency's records at once (a derived value: the support path's alert) are nobody's own.
    expect(decide(who, RI, victim(), now, null)).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
    expect(decide(who, RI, victim(), now)).toMatchObject({ allow: false });
    expect(decideWrite(who, RI)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
  });

  it('is read from another agency, or from every agency, under a consent that names the reader, the category and the purpose', () => {
    const coordinator = caller(Agency.COORDINATION, Role.COORDINATOR, Purpose.CASE_COORDINATION);
    const consent = {
      id: 'c-1', recipients: [Agency.COORDINATION], categories: [RI], purposes: [Purpose.CASE_COORDINATION],
      validFrom: '2026-02-01T00:00:00.000Z', validUntil: '2026-05-01T00:00:00.000Z', withdrawnAt: null,
    };
    for (const holder of [Agency.POLICE, Agency.SOCIAL_SERVICES, null]) {
      expect(decide(coordinator, RI, victim([consent]), now, holder)).toEqual({ allow: true, basis: { kind: 'CONSENT', consentId: 'c-1' }, review: false });
    }
    // Consent opens reading, never writing into another agency's records.
    expect(decideWrite(coordinator, RI, Agency.POLICE).allow).toBe(false);
    // A consent for another purpose does not.
    expect(decide(coordinator, RI, victim([{ ...consent, purposes: [Purpose.INVESTIGATION] }]), now, Agency.POLICE).allow).toBe(false);
  });

  it('opens in an emergency for reading (flagged for review), never for writing', () => {
    const who = caller(Agency.HEALTH, Role.CLINICIAN, Purpose.EMERGENCY, { justification: 'Unconscious in the emergency room, no relative reachable' });
    expect(decide(who, RI, victim(), now, Agency.POLICE)).toEqual({ allow: true, basis: { kind: 'EMERGENCY' }, review: true });
    expect(decideWrite(who, RI, Agency.HEALTH).allow).toBe(false);
  });

  it('is read by no analyst, auditor or NGO worker', () => {
    const consentToAll = {
      id: 'c-2', recipients: [Agency.COORDINATION, Agency.AUDIT, Agency.NGO], categories: [RI], purposes: Object.values(Purpose),
      validFrom: '2026-02-01T00:00:00.000Z', validUntil: '2026-05-01T00:00:00.000Z', withdrawnAt: null,
    };
    const readers = [
      caller(Agency.COORDINATION, Role.ANALYST, Purpose.STATISTICS),
      caller(Agency.AUDIT, Role.AUDITOR, Purpose.AUDIT),
      caller(Agency.NGO, Role.NGO_WORKER, Purpose.CASE_COORDINATION),
    ];
    for (const who of readers) {
      for (const holder of [...holders, Agency.AUDIT, null]) expect(decide(who, RI, { ...victim([consentToAll]), referredByNgo: true }, now, holder).allow).toBe(false);
      expect(decideWrite(who, RI, who.agency).allow).toBe(false);
    }
  });
});
