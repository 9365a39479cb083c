import { ChildWelfareGuardians } from '@hub/coordination/src/consent/child-welfare-guardians';
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import { Agency, type HubCaller, Purpose, Role, type ServiceKeys, loadServiceKeys, signHubAssertion } from '@hub/shared';
import { codes, post, tokenFor } from '../support/client';
import { TEST_AS_OF, TEST_SEED, testHub } from '../support/hub-info';

/**
 * Child welfare's guardian look-up (issue 8, point 10; docs/architecture.md#consent): the coordination registry
 * asks, service to service, whether a minor has an appointed guardian before it records the guardian's consent.
 * Only coordination may ask, with an assertion it signed for child welfare; the answer is one boolean.
 */

const caseload = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF });
const guarded = caseload.childWelfare.guardians.find((g) => g.endedAt === null && Date.parse(g.appointedAt) < Date.now())!.victimId;
const unguarded = caseload.coordination.victims.find(
  (v) => v.minor && !caseload.childWelfare.guardians.some((g) => g.victimId === v.id),
)!.id;

const caller = (): HubCaller => ({
  sub: 'coord-guardian-test',
  agency: Agency.COORDINATION,
  role: Role.COORDINATOR,
  regions: [],
  purpose: Purpose.CASE_COORDINATION,
  justification: null,
  requestId: crypto.randomUUID(),
  via: 'gateway',
});
const keys = (name: string): Promise<ServiceKeys> => loadServiceKeys(testHub().keysDir, name);
const childWelfare = (): string => testHub().services['child-welfare']!.url.replace(/\/graphql$/, '');
const ask = (victimId: string, headers: Record<string, string>) =>
  post<{ appointed?: boolean }>(`${childWelfare()}/internal/appointed-guardian`, { victimId }, headers);

it('tells coordination, for its own signed request, which minors have an appointed guardian', async () => {
  const guardians = new ChildWelfareGuardians(await keys('coordination'), caller(), childWelfare());
  expect(await guardians.hasAppointedGuardian(guarded)).toBe(true);
  expect(await guardians.hasAppointedGuardian(unguarded)).toBe(false);
  expect(await guardians.hasAppointedGuardian('v-0000000000000000')).toBe(false);
});

it.each<[string, () => Promise<Record<string, string>>]>([
  ['an unsigned request', async () => ({})],
  ["the user's own bearer token", async () => ({ authorization: `Bearer ${await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR })}` })],
  ['a gateway-signed assertion', async () => ({ authorization: `Bearer ${await signHubAssertion(await keys('gateway'), 'child-welfare', caller(), JSON.stringify({ victimId: guarded }))}` })],
  ['an assertion another subgraph (police) signed', async () => ({ authorization: `Bearer ${await signHubAssertion(await keys('police'), 'child-welfare', caller(), JSON.stringify({ victimId: guarded }))}` })],
  ['a coordination assertion addressed to another audience', async () => ({ authorization: `Bearer ${await signHubAssertion(await keys('coordination'), 'health', caller(), JSON.stringify({ victimId: guarded }))}` })],
])('refuses %s with HTTP 401 and no answer', async (_name, headers) => {
  const response = await ask(guarded, await headers());
  expect(response.status).toBe(401);
  expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  expect(response).not.toHaveProperty('appointed');
});
