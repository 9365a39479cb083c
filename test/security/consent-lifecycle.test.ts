/**
 * Consent opens a category to another agency only when it names that agency, that category and that
 * purpose and is inside its validity period; granting and withdrawing take effect on the very next
 * request (no decision is cached). A minor's consent is given by the guardian child welfare has appointed; a
 * consent is recorded at most 7 days after it was given, and keeps both dates (issue 8, point 10).
 */
import { Agency, DataCategory, Purpose, Region, Role } from '@hub/shared';
import { type GraphQLResponse, codes, queryAs } from '../support/client';

const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const investigator = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
const DAY = 86_400_000;
const at = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

interface ConsentInput {
  recipients: Agency[];
  categories: DataCategory[];
  purposes: Purpose[];
  givenAt?: string;
  validFrom: string;
  validUntil: string;
  givenBy: 'VICTIM' | 'GUARDIAN';
  form: 'WRITTEN' | 'ORAL_WITH_INTERPRETER';
  interpreterLanguage?: string;
}

/** The consent the police investigation needs to see who the victim is. */
const opening: ConsentInput = {
  recipients: [Agency.POLICE],
  categories: [DataCategory.POLICE_CASE, DataCategory.IDENTITY],
  purposes: [Purpose.INVESTIGATION],
  validFrom: at(-3_600_000),
  validUntil: at(90 * DAY),
  givenBy: 'VICTIM',
  form: 'ORAL_WITH_INTERPRETER',
  interpreterLanguage: 'ro',
};

async function identify(alias: string, birthYear: number): Promise<string> {
  const response = await queryAs<{ identifyVictim: { id: string } }>(
    coordinator,
    'mutation ($input: IdentifyVictimInput!) { identifyVictim(input: $input) { id } }',
    {
      input: {
        alias, birthYear, gender: 'MALE', nationalities: ['RO'], languages: ['ro'], region: Region.EAST,
        exploitationForms: ['FORCED_LABOUR'], identifiedAt: at(-2 * DAY), identifyingAgency: Agency.POLICE,
        indicatorsPresent: ['E1', 'E2'],
      },
    },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.identifyVictim.id;
}

const grant = (victimId: string, input: ConsentInput): Promise<GraphQLResponse<{ grantConsent: { id: string } }>> =>
  queryAs(coordinator, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
    input: { victimId, ...input },
  });

const consentIds = async (id: string): Promise<string[]> => {
  const response = await queryAs<{ victim: { consents: { id: string }[] } }>(coordinator, 'query ($id: ID!) { victim(id: $id) { consents { id } } }', { id });
  return response.data!.victim.consents.map((c) => c.id);
};

async function granted(victimId: string, input: ConsentInput): Promise<string> {
  const response = await grant(victimId, input);
  expect(response.errors).toBeUndefined();
  return response.data!.grantConsent.id;
}

/** What the police investigator gets for the victim's alias: the value, or the refusal code. */
async function policeReadsAlias(victimId: string): Promise<{ alias: string | null; codes: unknown[]; category?: unknown }> {
  const response = await queryAs<{ victim: { alias: string | null } }>(
    investigator,
    'query ($id: ID!) { victim(id: $id) { alias } }',
    { id: victimId },
  );
  expect(response.status).toBe(200);
  return {
    alias: response.data?.victim.alias ?? null,
    codes: codes(response),
    ...(response.errors?.[0] ? { category: response.errors[0].extensions?.category } : {}),
  };
}

const refused = { alias: null, codes: ['CONSENT_REQUIRED'], category: DataCategory.IDENTITY };

describe('consent lifecycle', () => {
  const alias = `Consent-test ${Date.now().toString(36)}`;
  let victimId = '';

  beforeAll(async () => {
    victimId = await identify(alias, 1990);
  });

  it('refuses a police investigator the identity of a victim without consent, with CONSENT_REQUIRED', async () => {
    expect(await policeReadsAlias(victimId)).toEqual(refused);
  });

  it.each<[string, Partial<ConsentInput>]>([
    ['another purpose (PROSECUTION)', { purposes: [Purpose.PROSECUTION] }],
    ['another recipient (IMMIGRATION)', { recipients: [Agency.IMMIGRATION] }],
    ['another category only (POLICE_CASE)', { categories: [DataCategory.POLICE_CASE] }],
    ['a validity period that has already ended', { validFrom: at(-6 * DAY), validUntil: at(-DAY) }],
    ['a validity period that has not begun', { validFrom: at(DAY), validUntil: at(60 * DAY) }],
  ])('does not open it with a consent naming %s', async (_name, change) => {
    await granted(victimId, { ...opening, ...change });
    expect(await policeReadsAlias(victimId)).toEqual(refused);
  });

  it('opens it on the very next request once a consent names POLICE, IDENTITY and INVESTIGATION, then closes it on the very next request after withdrawal', async () => {
    const consentId = await granted(victimId, opening);
    expect(await policeReadsAlias(victimId)).toEqual({ alias, codes: [] });
    expect(await policeReadsAlias(victimId)).toEqual({ alias, codes: [] });

    const withdrawn = await queryAs<{ withdrawConsent: { id: string; withdrawnAt: string | null } }>(
      coordinator,
      'mutation ($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }',
      { id: consentId },
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data?.withdrawConsent.withdrawnAt).toEqual(expect.any(String));
    expect(await policeReadsAlias(victimId)).toEqual(refused);
  });

  it('opens it again with a new consent after a withdrawal', async () => {
    const consentId = await granted(victimId, opening);
    expect(await policeReadsAlias(victimId)).toEqual({ alias, codes: [] });
    await queryAs(coordinator, 'mutation ($id: ID!) { withdrawConsent(id: $id) { id } }', { id: consentId });
    expect(await policeReadsAlias(victimId)).toEqual(refused);
  });

  it('refuses a consent back-dated 300 days with BAD_USER_INPUT, and records nothing', async () => {
    const before = await consentIds(victimId);
    for (const backDated of [{ validFrom: at(-300 * DAY) }, { givenAt: at(-300 * DAY), validFrom: at(-300 * DAY) }, { givenAt: at(-8 * DAY) }]) {
      const response = await grant(victimId, { ...opening, ...backDated });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data).toBeNull();
    }
    expect(await consentIds(victimId)).toEqual(before);
  });

  it('records a consent given 3 days ago with both the day it was given and the moment it was recorded', async () => {
    const givenAt = at(-3 * DAY);
    const response = await queryAs<{ grantConsent: { id: string; givenAt: string; recordedAt: string; validFrom: string } }>(
      coordinator,
      'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id givenAt recordedAt validFrom } }',
      { input: { victimId, ...opening, givenAt, validFrom: at(-2 * DAY) } },
    );
    expect(response.errors).toBeUndefined();
    const consent = response.data!.grantConsent;
    expect(Date.parse(consent.givenAt)).toBe(Date.parse(givenAt));
    expect(Math.abs(Date.parse(consent.recordedAt) - Date.now())).toBeLessThan(60_000);
    await queryAs(coordinator, 'mutation ($id: ID!) { withdrawConsent(id: $id) { id } }', { id: consent.id });
  });

  it('refuses a guardian as the giver of an adult\'s consent with BAD_USER_INPUT', async () => {
    const response = await grant(victimId, { ...opening, givenBy: 'GUARDIAN' });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.field).toBe('givenBy');
  });
});

describe("a minor's consent", () => {
  const alias = `Consent-test minor ${Date.now().toString(36)}`;
  let minorId = '';

  beforeAll(async () => {
    minorId = await identify(alias, new Date().getUTCFullYear() - 15);
  });

  const consentCount = async (): Promise<number> => {
    const response = await queryAs<{ victim: { consents: unknown[] } }>(coordinator, 'query ($id: ID!) { victim(id: $id) { consents { id } } }', {
      id: minorId,
    });
    return response.data!.victim.consents.length;
  };

  it('is refused with BAD_USER_INPUT when given by the minor, and nothing is recorded or opened', async () => {
    const response = await grant(minorId, { ...opening, givenBy: 'VICTIM' });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.field).toBe('givenBy');
    expect(response.data).toBeNull();
    expect(await consentCount()).toBe(0);
    expect(await policeReadsAlias(minorId)).toEqual(refused);
  });

  it('is refused with BAD_USER_INPUT when given by a guardian child welfare has not appointed, and nothing is recorded', async () => {
    const response = await grant(minorId, { ...opening, givenBy: 'GUARDIAN' });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.field).toBe('givenBy');
    expect(await consentCount()).toBe(0);
    expect(await policeReadsAlias(minorId)).toEqual(refused);
  });

  it('is recorded when given by the guardian child welfare appointed, and opens what it names on the next request', async () => {
    const appointed = await queryAs(
      { agency: Agency.CHILD_WELFARE, role: Role.CASEWORKER, purpose: Purpose.CHILD_PROTECTION },
      'mutation ($id: ID!, $at: DateTimeISO!) { appointGuardian(victimId: $id, guardianName: "Consent Test Guardian", appointedAt: $at) { id } }',
      { id: minorId, at: at(-DAY) },
    );
    expect(appointed.errors).toBeUndefined();
    const consentId = await granted(minorId, { ...opening, givenBy: 'GUARDIAN' });
    expect(await consentCount()).toBe(1);
    expect(await policeReadsAlias(minorId)).toEqual({ alias, codes: [] });
    await queryAs(coordinator, 'mutation ($id: ID!) { withdrawConsent(id: $id) { id } }', { id: consentId });
    expect(await policeReadsAlias(minorId)).toEqual(refused);
  });
});
