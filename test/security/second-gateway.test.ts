/**
 * Issue 10, item 4: enforcement at the source makes the gateway replaceable. Hive Gateway (gateway/src/hive/), on
 * the same committed supergraph and in front of the same subgraphs, fails closed without a token or a purpose,
 * gives every caller exactly the answer the Apollo gateway gives, and never hands one caller's subgraph answer
 * to another. (The leak tests run through both gateways: leaks.test.ts, derived-values.test.ts.)
 */
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import { Agency, Purpose, Region, Role } from '@hub/shared';
import { type GraphQLResponse, type Identity, post, queryAs, tokenFor } from '../support/client';
import { recordsOf } from '../audit/audit-support';
import { TEST_AS_OF, TEST_SEED, testHub } from '../support/hub-info';

const caseload = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF });
const hive = () => testHub().hiveGatewayUrl;
const apollo = () => testHub().gatewayUrl;

const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const investigator = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
const callers: [string, Identity & { purpose: Purpose; justification?: string }][] = [
  ['a coordinator', coordinator],
  ['a local coordinator (OSLO)', { ...coordinator, regions: [Region.OSLO] }],
  ['a police investigator', investigator],
  ['a clinician', { agency: Agency.HEALTH, role: Role.CLINICIAN, purpose: Purpose.CARE }],
  ['an analyst', { agency: Agency.COORDINATION, role: Role.ANALYST, purpose: Purpose.STATISTICS }],
  ['a coordinator in an emergency', { ...coordinator, purpose: Purpose.EMERGENCY, justification: 'Victim missing from the shelter since last night' }],
];

const victimQuery = `query ($id: ID!) { victim(id: $id) {
  id alias birthYear minor region exploitationForms
  consents { id } supportPath { stage events { kind agency } nextDeadline { kind dueAt } alerts { kind } agencies { agency shared } }
  investigations { id } cooperatesWithPolice reflectionPeriod { endsAt } permits { id }
  placements { id } healthSummary { hasGp } healthAssessments { id } guardian { id }
} }`;
const caseloadQuery = '{ victims(first: 20) { totalCount edges { node { id alias region supportPath { stage } } } } }';

/** An answer as a caller sees it: status, data, and errors in a stable order. */
const seen = (response: GraphQLResponse) => ({
  status: response.status,
  data: response.data ?? null,
  errors: (response.errors ?? [])
    .map((e) => ({ path: (e.path ?? []).join('.'), code: e.extensions?.code, category: e.extensions?.category, message: e.message }))
    .sort((a, b) => a.path.localeCompare(b.path) || String(a.code).localeCompare(String(b.code))),
});

const westVictim = caseload.coordination.victims.find((v) => v.region === Region.WEST)!;
const osloVictim = caseload.coordination.victims.find((v) => v.region === Region.OSLO)!;

describe('the Hive gateway fails closed', () => {
  const query = JSON.stringify({ query: '{ victims(first: 1) { totalCount } }' });

  it('refuses a request without a token, with a bad token or with another issuer\'s token: 401 UNAUTHENTICATED, no data', async () => {
    for (const authorization of [undefined, 'Bearer a.b.c', 'Basic dXNlcjpwYXNz']) {
      const response = await post(hive(), query, { ...(authorization ? { authorization } : {}), 'x-purpose': Purpose.CASE_COORDINATION });
      expect({ authorization, status: response.status, data: response.data, codes: response.errors?.map((e) => e.extensions?.code) }).toEqual({
        authorization, status: 401, data: undefined, codes: ['UNAUTHENTICATED'],
      });
      expect(response.requestId).toEqual(expect.any(String));
    }
  });

  it('refuses a request without a purpose, or EMERGENCY without a justification: PURPOSE_REQUIRED', async () => {
    const authorization = `Bearer ${await tokenFor(coordinator)}`;
    for (const headers of [{}, { 'x-purpose': 'CURIOSITY' }, { 'x-purpose': Purpose.EMERGENCY }] as Record<string, string>[]) {
      const response = await post(hive(), query, { authorization, ...headers });
      expect({ headers, status: response.status, codes: response.errors?.map((e) => e.extensions?.code) }).toEqual({ headers, status: 400, codes: ['PURPOSE_REQUIRED'] });
    }
  });

  it('serves nothing but /graphql, and nothing there without authentication', async () => {
    const origin = new URL(hive()).origin;
    for (const path of ['/', '/graphiql', '/x/graphql', '/console', '/.well-known/jwks.json']) {
      const response = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});

describe('the Hive gateway answers every caller exactly as the Apollo gateway does', () => {
  it.each(callers)('gives %s the same victims, fields, nulls and coded errors', async (_name, caller) => {
    for (const [query, variables] of [[victimQuery, { id: westVictim.id }], [victimQuery, { id: osloVictim.id }], [victimQuery, { id: 'v-00000000' }], [caseloadQuery, {}]] as const) {
      const [viaApollo, viaHive] = await Promise.all([queryAs(caller, query, variables, apollo()), queryAs(caller, query, variables, hive())]);
      expect(seen(viaHive)).toEqual(seen(viaApollo));
    }
  });

  it('records its operations and the subgraphs record their accesses under the request id it returns', async () => {
    const response = await queryAs(coordinator, 'query HiveRecorded($id: ID!) { victim(id: $id) { alias } }', { id: osloVictim.id }, hive());
    expect(response.errors).toBeUndefined();
    expect(response.requestId).toEqual(expect.any(String));
    // Read where it is written (the API lists records only once the sequencer has integrated them).
    const records = await recordsOf(response.requestId!);
    expect(records.map((r) => ({ kind: r.kind, service: r.service, victimId: r.victim_id, fields: r.fields }))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'OPERATION', service: 'gateway' }),
        expect.objectContaining({ kind: 'FIELD_ACCESS', service: 'coordination', victimId: osloVictim.id, fields: expect.arrayContaining([expect.stringMatching(/alias$/)]) }),
      ]),
    );
  });
});

describe('the Hive gateway never gives one caller another caller\'s subgraph answer', () => {
  it('answers identical queries sent at the same moment by a coordinator and a police investigator each by their own rights', async () => {
    // The same document and variables make the same subgraph request body; Hive would merge such requests in
    // flight (deduplicateInflightRequests), and the caller's assertion is only added after that.
    const query = 'query ($id: ID!) { victim(id: $id) { alias birthYear region } }';
    const victim = caseload.coordination.victims.find(
      (v) => !caseload.coordination.consents.some((c) => c.victimId === v.id && c.recipients.includes(Agency.POLICE)) &&
        !caseload.police.investigations.some((i) => i.victimId === v.id),
    )!;
    const rounds = await Promise.all(
      Array.from({ length: 25 }, () =>
        Promise.all([queryAs(coordinator, query, { id: victim.id }, hive()), queryAs(investigator, query, { id: victim.id }, hive())]),
      ),
    );
    for (const [asCoordinator, asInvestigator] of rounds) {
      expect(asCoordinator.data).toEqual({ victim: { alias: victim.alias, birthYear: victim.birthYear, region: victim.region } });
      expect(asInvestigator.data).toEqual({ victim: { alias: null, birthYear: null, region: null } });
    }
  });
});
