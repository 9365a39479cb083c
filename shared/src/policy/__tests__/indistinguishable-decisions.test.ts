import type { HubCaller } from '../../auth/hub-caller';
import { Agency, DataCategory, Purpose, Region, Role } from '../../domain/enums';
import { type VictimContext, decide, decideWrite } from '../decide';

const now = new Date('2026-06-01T12:00:00Z');
const caller = (agency: Agency, role: Role, purpose: Purpose, regions: Region[] = []): HubCaller => ({
  sub: 's', agency, role, regions, purpose, justification: null, requestId: 'r', via: 'gateway',
});
const victim = (facts: Partial<VictimContext>): VictimContext => ({
  id: 'v-1', region: Region.OSLO, minor: false, policeInvestigation: false, referredByNgo: false, consents: [], ...facts,
});
/** How AccessController decides an id the registry does not know. */
const unknown = victim({ id: 'v-unknown', region: null });
const answer = (d: ReturnType<typeof decide>) => (d.allow ? 'ALLOW' : `${d.code}: ${d.reason}`);

describe('for a caller with no right to a victim, a known and an unknown id are decided alike', () => {
  const ngo = caller(Agency.NGO, Role.NGO_WORKER, Purpose.CASE_COORDINATION);

  it.each([DataCategory.IDENTITY, DataCategory.CASE_STATUS])('an NGO worker reading %s: referred without consent, not referred, unknown', (category) => {
    const referred = answer(decide(ngo, category, victim({ referredByNgo: true }), now));
    expect(referred).toBe(`CONSENT_REQUIRED: no active consent names NGO, ${category} and CASE_COORDINATION`);
    expect(answer(decide(ngo, category, victim({ referredByNgo: false }), now))).toBe(referred);
    expect(answer(decide(ngo, category, unknown, now))).toBe(referred);
  });

  it('an NGO worker with a consent of a victim it did not refer still reads nothing', () => {
    const consent = { id: 'c-1', recipients: [Agency.NGO], categories: [DataCategory.IDENTITY], purposes: [Purpose.CASE_COORDINATION],
      validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', withdrawnAt: null };
    expect(decide(ngo, DataCategory.IDENTITY, victim({ referredByNgo: true, consents: [consent] }), now).allow).toBe(true);
    expect(answer(decide(ngo, DataCategory.IDENTITY, victim({ referredByNgo: false, consents: [consent] }), now))).toBe(
      answer(decide(ngo, DataCategory.IDENTITY, unknown, now)),
    );
  });

  it('a NORTH coordinator: a victim in OSLO and an unknown id', () => {
    const north = caller(Agency.COORDINATION, Role.COORDINATOR, Purpose.CASE_COORDINATION, [Region.NORTH]);
    expect(answer(decide(north, DataCategory.IDENTITY, victim({}), now))).toBe(answer(decide(north, DataCategory.IDENTITY, unknown, now)));
    expect(decide(north, DataCategory.IDENTITY, victim({ region: Region.NORTH }), now).allow).toBe(true);
  });
});

describe('a caller without regions', () => {
  it('is national only when its role is national by configuration', () => {
    const localCaseworker = caller(Agency.COORDINATION, Role.CASEWORKER, Purpose.CASE_COORDINATION);
    expect(answer(decide(localCaseworker, DataCategory.CASE_STATUS, victim({}), now))).toMatch(/^FORBIDDEN: .*local staff/);
    expect(answer(decideWrite(localCaseworker, DataCategory.CASE_STATUS))).toMatch(/^FORBIDDEN: .*local staff/);
    const withRegion = { ...localCaseworker, regions: [Region.OSLO] };
    expect(decide(withRegion, DataCategory.CASE_STATUS, victim({}), now).allow).toBe(true);
    expect(decideWrite(withRegion, DataCategory.CASE_STATUS).allow).toBe(true);
    const nationalCoordinator = caller(Agency.COORDINATION, Role.COORDINATOR, Purpose.CASE_COORDINATION);
    expect(decide(nationalCoordinator, DataCategory.CASE_STATUS, victim({}), now).allow).toBe(true);
  });
});
