/**
 * Issue 11, point 3: `Victim.permanentResidenceEligibility` is computed from immigration's permits and the police's
 * `testifiedInCourt` (docs/architecture.md, "Derived values"). The category wrapper decides both inputs in the
 * immigration subgraph itself (DerivedField): the answer does not rest on the gateway having fetched the police
 * input under the caller's rights, so a representation that carries the input — from a gateway that got it some
 * other way, or from anyone holding a gateway's key — opens nothing the policy does not.
 */
import { Agency, type AccessDecision, DataCategory, type HubCaller, Purpose, Region, Role, decide, loadServiceKeys, signHubAssertion } from '@hub/shared';
import { type GraphQLResponse, post, queryAs as queryGateway } from '../support/client';
import { gateways } from '../support/gateways';
import { testHub } from '../support/hub-info';

const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const caseworker = { agency: Agency.IMMIGRATION, role: Role.CASEWORKER, purpose: Purpose.PERMIT_PROCESSING };
const JUSTIFICATION = 'Derived-field test: the permit decision is due today';

/** A victim just identified in NORTH, with no consent and no record of any other agency. */
async function identify(): Promise<string> {
  const response = await queryGateway<{ identifyVictim: { id: string } }>(
    coordinator,
    'mutation ($input: IdentifyVictimInput!) { identifyVictim(input: $input) { id } }',
    {
      input: {
        alias: 'Derived-field adult', birthYear: 1990, gender: 'FEMALE', nationalities: ['RO'], languages: ['ro'],
        region: Region.NORTH, exploitationForms: ['BEGGING'], identifiedAt: new Date(Date.now() - 86_400_000).toISOString(),
        identifyingAgency: Agency.POLICE, indicatorsPresent: ['V2'],
      },
    },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.identifyVictim.id;
}

/** What decide() says of a victim with no consents and no investigation, for `caller`. */
const decision = (caller: typeof caseworker, category: DataCategory, victimId: string): AccessDecision =>
  decide(
    { ...caller, sub: 'derived-field-test', regions: [], justification: null, requestId: 'derived-field-test', via: 'gateway' },
    category,
    { id: victimId, region: Region.NORTH, minor: false, policeInvestigation: false, referredByNgo: false, consents: [] },
    new Date(),
  );

interface Eligibility {
  _entities: ({ permanentResidenceEligibility: { eligible: boolean; reason: string } | null } | null)[];
}

/** The immigration subgraph asked directly, with a gateway-signed assertion, for a representation that says the victim testified. */
async function entitiesAsGateway(victimId: string, caller: HubCaller): Promise<GraphQLResponse<Eligibility>> {
  const body = JSON.stringify({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Victim { permanentResidenceEligibility { eligible reason } } } }',
    variables: { r: [{ __typename: 'Victim', id: victimId, testifiedInCourt: true }] },
  });
  const gateway = await loadServiceKeys(testHub().keysDir, 'gateway');
  return post<Eligibility>(testHub().services.immigration!.url, body, {
    authorization: `Bearer ${await signHubAssertion(gateway, 'immigration', caller, body)}`,
  });
}

const asCaller = (purpose: Purpose, justification: string | null): HubCaller => ({
  sub: 'derived-field-test', agency: Agency.IMMIGRATION, role: Role.CASEWORKER, regions: [], purpose, justification,
  requestId: crypto.randomUUID(), via: 'gateway',
});

describe('permanentResidenceEligibility, derived from IMMIGRATION and POLICE_CASE', () => {
  let victimId: string;
  beforeAll(async () => {
    victimId = await identify();
    // The premise: the caseworker reads immigration's own records, not the police case.
    expect(decision(caseworker, DataCategory.IMMIGRATION, victimId).allow).toBe(true);
    expect(decision(caseworker, DataCategory.POLICE_CASE, victimId).allow).toBe(false);
  });

  it('is refused by the immigration subgraph itself when the representation carries the police input the caller may not read', async () => {
    const response = await entitiesAsGateway(victimId, asCaller(Purpose.PERMIT_PROCESSING, null));
    expect(response.status).toBe(200);
    expect(response.data?._entities).toEqual([{ permanentResidenceEligibility: null }]);
    const denied = decision(caseworker, DataCategory.POLICE_CASE, victimId) as AccessDecision & { allow: false };
    expect((response.errors ?? []).map((e) => ({ path: e.path?.join('.'), code: e.extensions?.code, category: e.extensions?.category }))).toEqual([
      { path: '_entities.0.permanentResidenceEligibility', code: denied.code, category: DataCategory.POLICE_CASE },
    ]);
  });

  it('is computed for a caller who may read both inputs (the control: an emergency opens POLICE_CASE)', async () => {
    const response = await entitiesAsGateway(victimId, asCaller(Purpose.EMERGENCY, JUSTIFICATION));
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([
      { permanentResidenceEligibility: { eligible: true, reason: 'Has given evidence in court and holds no permanent permit' } },
    ]);
  });

  it.each(gateways())('is refused through the %s gateway with the police input named, as decide() refuses it', async (_name, url) => {
    const response = await queryGateway<{ victim: { permanentResidenceEligibility: unknown } }>(
      caseworker,
      'query ($id: ID!) { victim(id: $id) { permanentResidenceEligibility { eligible } } }',
      { id: victimId },
      url,
    );
    expect(response.data?.victim.permanentResidenceEligibility).toBeNull();
    const denied = decision(caseworker, DataCategory.POLICE_CASE, victimId) as AccessDecision & { allow: false };
    const errors = (response.errors ?? []).filter((e) => e.path?.join('.') === 'victim.permanentResidenceEligibility');
    expect(errors.map((e) => ({ code: e.extensions?.code, category: e.extensions?.category }))).toEqual([
      { code: denied.code, category: DataCategory.POLICE_CASE },
    ]);
  });
});
