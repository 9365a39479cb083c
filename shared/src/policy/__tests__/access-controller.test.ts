import type { HubCaller } from '../../auth/hub-caller';
import { Agency, DataCategory, Gender, Purpose, Region, Role } from '../../domain/enums';
import { AccessController } from '../access-controller';
import type { VictimAccessFacts } from '../consent';

const now = new Date('2026-06-01T12:00:00Z');
const caseworker: HubCaller = {
  sub: 's', agency: Agency.IMMIGRATION, role: Role.CASEWORKER, regions: [], purpose: Purpose.PROSECUTION,
  justification: null, requestId: 'r', via: 'gateway',
};
/** A victim who consented to immigration reading everything, for every purpose but prosecution. */
const facts: VictimAccessFacts = {
  id: 'v-0a1b2c3d', region: Region.OSLO, gender: Gender.FEMALE, minor: false, policeInvestigation: false, referredByNgo: false,
  consents: [{
    id: 'c-1', recipients: [Agency.IMMIGRATION], categories: [DataCategory.POLICE_CASE],
    purposes: [Purpose.CASE_COORDINATION, Purpose.PERMIT_PROCESSING],
    validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', withdrawnAt: null,
  }],
};
const controller = (load: (id: string) => Promise<VictimAccessFacts | null>) => new AccessController(caseworker, load, now, Agency.POLICE);

describe('AccessController when the consent registry does not answer', () => {
  it('refuses with SUBGRAPH_UNAVAILABLE naming coordination, not with a policy code, and logs the refusal', async () => {
    const access = controller(() => Promise.reject(new Error('coordination /internal/victim-access-facts gave no answer')));
    const decision = await access.decideField(facts.id, 'Victim', 'cooperatesWithPolice', DataCategory.POLICE_CASE);
    expect(decision).toEqual({
      allow: false, code: 'SUBGRAPH_UNAVAILABLE', service: 'coordination', reason: 'the consent registry (coordination) could not be reached',
    });
    expect(access.accessRecords()).toEqual([expect.objectContaining({
      victimId: facts.id, fields: [], deniedFields: ['Victim.cooperatesWithPolice'], denialCodes: ['SUBGRAPH_UNAVAILABLE'], bases: [],
    })]);
  });

  it('the same field, with the registry answering, is the policy answer: CONSENT_REQUIRED (the consent is for other purposes)', async () => {
    const decision = await controller(async () => facts).decideField(facts.id, 'Victim', 'cooperatesWithPolice', DataCategory.POLICE_CASE);
    expect(decision).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
  });

  it('a field about no victim is decided without the registry', async () => {
    const load = jest.fn(() => Promise.reject(new Error('down')));
    const decision = await controller(load).decideField(null, 'Shelter', 'name', DataCategory.SHELTER_LOCATION);
    expect(decision).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    expect(load).not.toHaveBeenCalled();
  });
});
