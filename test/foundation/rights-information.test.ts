import { Agency, AlertKind, DataCategory, Purpose, Region, Role } from '@hub/shared';
import { type GraphQLResponse, type Identity, queryAs } from '../support/client';

/**
 * docs/architecture.md#rights-information, end to end through the gateway: an agency records that the victim was
 * informed of their rights (which, language, interpreter; by whom from the token), the support path shows it under
 * RIGHTS_INFORMATION, and RIGHTS_NOT_INFORMED — 14 days after identification, no agency has informed the victim —
 * disappears. An agency reads its own rights records; another agency's only by consent; and a victim out of reach
 * is answered like an id nobody has.
 */
type Caller = Identity & { purpose: Purpose };
const DAY = 86_400_000;
const coordinator: Caller = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const caseworker: Caller = { agency: Agency.SOCIAL_SERVICES, role: Role.CASEWORKER, purpose: Purpose.SOCIAL_ASSISTANCE, sub: 'sw-east-7' };
const immigration: Caller = { agency: Agency.IMMIGRATION, role: Role.CASEWORKER, purpose: Purpose.PERMIT_PROCESSING };
const northCaseworker: Caller = { ...caseworker, sub: 'sw-north-1', regions: [Region.NORTH] };
const unknownVictim = 'v-00000000cd';

const RECORD = `mutation Record($input: RecordRightsInformationInput!) {
  recordSocialServicesRightsInformation(input: $input) { agency rights language interpreter informedBy informedByRole informedAt }
}`;
const PATH = `query Path($id: ID!) { victim(id: $id) { supportPath {
  events { agency kind summary } alerts { kind message } agencies { agency shared rightsInformationShared }
} } }`;
const RECORDS = `query Rights($id: ID!) { victim(id: $id) {
  socialServicesRightsInformation { rights language interpreter informedBy }
  immigrationRightsInformation { rights }
} }`;

interface Path {
  events: { agency: Agency; kind: string; summary: string }[];
  alerts: { kind: AlertKind; message: string }[];
  agencies: { agency: Agency; shared: boolean; rightsInformationShared: boolean }[];
}

async function ok<T>(response: Promise<GraphQLResponse<T>>): Promise<T> {
  const answer = await response;
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}
const pathOf = async (caller: Caller, id: string): Promise<Path> =>
  (await ok(queryAs<{ victim: { supportPath: Path } }>(caller, PATH, { id }))).victim.supportPath;
const input = (victimId: string, extra: Record<string, unknown> = {}) => ({
  input: { victimId, rights: ['REFLECTION_AND_RECOVERY_PERIOD', 'FREE_LEGAL_AID', 'INTERPRETER'], language: 'ro', interpreter: true,
    informedAt: new Date(Date.now() - DAY).toISOString(), ...extra },
});
/** The answer with `id` replaced, so that answers about two ids compare. */
const shape = (r: GraphQLResponse, id: string): string =>
  JSON.stringify({ data: r.data ?? null, errors: (r.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })) }).split(id).join('<id>');

async function identify(alias: string, daysAgo: number): Promise<string> {
  const data = await ok(queryAs<{ identifyVictim: { id: string } }>(coordinator, 'mutation ($input: IdentifyVictimInput!) { identifyVictim(input: $input) { id } }', {
    input: {
      alias, birthYear: 1996, gender: 'FEMALE', nationalities: ['RO'], languages: ['ro'], region: Region.EAST,
      exploitationForms: ['FORCED_LABOUR'], identifiedAt: new Date(Date.now() - daysAgo * DAY).toISOString(), identifyingAgency: Agency.POLICE,
      indicatorsPresent: [],
    },
  }));
  return data.identifyVictim.id;
}

/** The victim consents that the coordinating unit reads every agency's rights information for case coordination. */
async function consentToCoordination(victimId: string): Promise<void> {
  await ok(queryAs(coordinator, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
    input: {
      victimId, recipients: [Agency.COORDINATION], categories: [DataCategory.RIGHTS_INFORMATION], purposes: [Purpose.CASE_COORDINATION],
      validFrom: new Date(Date.now() - 60_000).toISOString(), validUntil: new Date(Date.now() + 90 * DAY).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
    },
  }));
}

describe('rights information', () => {
  let victimId: string;
  beforeAll(async () => {
    victimId = await identify('Rights path test', 20);
    await consentToCoordination(victimId);
  });

  it('alerts the coordinating unit 20 days after identification, while no agency has informed the victim', async () => {
    const before = await pathOf(coordinator, victimId);
    expect(before.alerts).toContainEqual({ kind: AlertKind.RIGHTS_NOT_INFORMED, message: 'Not informed of their rights 14 days after identification' });
    expect(before.events.filter((e) => e.kind === 'RIGHTS_INFORMED')).toEqual([]);
  });

  it('is recorded by a caseworker, who informed the victim as their token says, and leaves the support path an event', async () => {
    const informedAt = new Date(Date.now() - DAY);
    const recorded = await ok(
      queryAs<{ recordSocialServicesRightsInformation: Record<string, unknown> }>(caseworker, RECORD, input(victimId, { informedAt: informedAt.toISOString() })),
    );
    expect(recorded.recordSocialServicesRightsInformation).toEqual({
      agency: 'SOCIAL_SERVICES',
      rights: ['REFLECTION_AND_RECOVERY_PERIOD', 'FREE_LEGAL_AID', 'INTERPRETER'],
      language: 'ro',
      interpreter: true,
      informedBy: 'sw-east-7',
      informedByRole: 'CASEWORKER',
      informedAt: informedAt.toISOString(),
    });

    const after = await pathOf(coordinator, victimId);
    expect(after.events).toContainEqual({ agency: Agency.SOCIAL_SERVICES, kind: 'RIGHTS_INFORMED', summary: 'Informed of 3 rights in ro, with an interpreter' });
    expect(after.alerts.map((a) => a.kind)).not.toContain(AlertKind.RIGHTS_NOT_INFORMED);
    // Social services' events are not shared with the coordinating unit; its rights information is, by the consent.
    expect(after.agencies.find((a) => a.agency === Agency.SOCIAL_SERVICES)).toEqual({ agency: Agency.SOCIAL_SERVICES, shared: false, rightsInformationShared: true });
  });

  it('is read by the agency that holds it, by the coordinating unit under consent, and by no other agency', async () => {
    const own = await ok(queryAs<{ victim: { socialServicesRightsInformation: unknown[] } }>(caseworker, RECORDS.replace('immigrationRightsInformation { rights }', ''), { id: victimId }));
    expect(own.victim.socialServicesRightsInformation).toEqual([
      { rights: ['REFLECTION_AND_RECOVERY_PERIOD', 'FREE_LEGAL_AID', 'INTERPRETER'], language: 'ro', interpreter: true, informedBy: 'sw-east-7' },
    ]);
    const byConsent = await ok(queryAs<{ victim: { socialServicesRightsInformation: unknown[] } }>(coordinator, RECORDS.replace('immigrationRightsInformation { rights }', ''), { id: victimId }));
    expect(byConsent.victim.socialServicesRightsInformation).toHaveLength(1);

    // Immigration reads its own rights information (none) but not social services': the category is each holder's.
    const other = await queryAs<{ victim: { socialServicesRightsInformation: unknown; immigrationRightsInformation: unknown } }>(immigration, RECORDS, { id: victimId });
    expect(other.data?.victim.immigrationRightsInformation).toEqual([]);
    expect(other.data?.victim.socialServicesRightsInformation).toBeNull();
    expect(other.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.category])).toEqual([
      [['victim', 'socialServicesRightsInformation'], 'CONSENT_REQUIRED', DataCategory.RIGHTS_INFORMATION],
    ]);
    // Nor may it record rights information in social services' records.
    const written = await queryAs(immigration, RECORD, input(victimId));
    expect(written.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('without the consent, the coordinating unit sees neither the alert nor the event, and the path says "not shared"', async () => {
    const unconsented = await identify('Rights path, no consent', 20);
    await ok(queryAs(caseworker, RECORD, input(unconsented)));
    const path = await pathOf(coordinator, unconsented);
    expect(path.events.filter((e) => e.kind === 'RIGHTS_INFORMED')).toEqual([]);
    expect(path.alerts.map((a) => a.kind)).not.toContain(AlertKind.RIGHTS_NOT_INFORMED);
    expect(path.agencies.find((a) => a.agency === Agency.SOCIAL_SERVICES)?.rightsInformationShared).toBe(false);
    const uninformed = await identify('Rights path, no consent, not informed', 20);
    expect((await pathOf(coordinator, uninformed)).alerts.map((a) => a.kind)).not.toContain(AlertKind.RIGHTS_NOT_INFORMED);
  });

  it('does not alert 13 days after identification', async () => {
    const recent = await identify('Rights path, 13 days', 13);
    await consentToCoordination(recent);
    expect((await pathOf(coordinator, recent)).alerts.map((a) => a.kind)).not.toContain(AlertKind.RIGHTS_NOT_INFORMED);
  });

  it('answers a victim outside the caller’s regions exactly as an id nobody has, for reading and for recording', async () => {
    const knownRead = await queryAs(northCaseworker, RECORDS.replace('immigrationRightsInformation { rights }', ''), { id: victimId });
    const unknownRead = await queryAs(northCaseworker, RECORDS.replace('immigrationRightsInformation { rights }', ''), { id: unknownVictim });
    expect(knownRead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(shape(knownRead, victimId)).toBe(shape(unknownRead, unknownVictim));

    const knownWrite = await queryAs(northCaseworker, RECORD, input(victimId));
    const unknownWrite = await queryAs(northCaseworker, RECORD, input(unknownVictim));
    expect(knownWrite.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(shape(knownWrite, victimId)).toBe(shape(unknownWrite, unknownVictim));
  });

  it.each([
    ['a language that is no ISO 639-1 code', { language: 'xx' }],
    ['a language in capitals', { language: 'RO' }],
    ['no rights', { rights: [] }],
    ['a right twice', { rights: ['COMPLAINT', 'COMPLAINT'] }],
    ['a time in the future', { informedAt: new Date(Date.now() + 3_600_000).toISOString() }],
  ])('refuses %s and records nothing', async (_what, extra) => {
    const refused = await queryAs(caseworker, RECORD, input(victimId, extra));
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const own = await ok(queryAs<{ victim: { socialServicesRightsInformation: unknown[] } }>(caseworker, RECORDS.replace('immigrationRightsInformation { rights }', ''), { id: victimId }));
    expect(own.victim.socialServicesRightsInformation).toHaveLength(1);
  });
});
