/**
 * Every request states its purpose of use in `x-purpose`, from a closed set; EMERGENCY needs a written
 * justification of at least 20 characters. Anything else is refused at the gateway with PURPOSE_REQUIRED
 * before any subgraph is called. EMERGENCY opens every category but HEALTH_DETAIL (and the access log).
 */
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import { Agency, DataCategory, Purpose, Role, subgraphNames } from '@hub/shared';
import { codes, counter, post, queryAs, tokenFor } from '../support/client';
import { TEST_AS_OF, TEST_SEED, testHub } from '../support/hub-info';

const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR } as const;
const justification = 'Victim missing from shelter, police search under way tonight';

async function subgraphRequests(): Promise<number> {
  const counts = await Promise.all(subgraphNames.map((name) => counter(name, 'hub_graphql_requests_total')));
  return counts.reduce((sum, n) => sum + n, 0);
}

/** A seed victim who cooperates with the police and has clinical assessments; consents never name COORDINATION. */
function cooperatingVictimWithAssessments(): string {
  const caseload = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF });
  const assessed = new Set(caseload.health.assessments.map((a) => a.victimId));
  const investigated = new Set(caseload.police.investigations.map((i) => i.victimId));
  const victim = caseload.police.cooperation.find(
    (c) =>
      assessed.has(c.victimId) &&
      investigated.has(c.victimId) &&
      !caseload.coordination.consents.some((k) => k.victimId === c.victimId && k.recipients.includes(Agency.COORDINATION)),
  );
  if (!victim) throw new Error('the demo caseload has no cooperating victim with health assessments');
  return victim.victimId;
}

const victimQuery = `query ($id: ID!) {
  victim(id: $id) { id alias cooperatesWithPolice investigations { caseNumber } healthAssessments { findings } }
}`;

interface VictimAnswer {
  victim: {
    id: string;
    alias: string | null;
    cooperatesWithPolice: boolean | null;
    investigations: { caseNumber: string }[] | null;
    healthAssessments: { findings: string[] }[] | null;
  } | null;
}

const refusedHeaders: [string, Record<string, string>][] = [
  ['no x-purpose header', {}],
  ['an empty x-purpose', { 'x-purpose': '' }],
  ['an unknown purpose', { 'x-purpose': 'CURIOSITY' }],
  ['a purpose in the wrong case', { 'x-purpose': 'case_coordination' }],
  ['EMERGENCY without a justification', { 'x-purpose': Purpose.EMERGENCY }],
  ['EMERGENCY with an empty justification', { 'x-purpose': Purpose.EMERGENCY, 'x-justification': '' }],
  ['EMERGENCY with a 19-character justification', { 'x-purpose': Purpose.EMERGENCY, 'x-justification': 'Needs it right now!' }],
  ['EMERGENCY with a short justification padded with spaces', {
    'x-purpose': Purpose.EMERGENCY,
    'x-justification': `          too short          `,
  }],
  ['a justification over 1000 characters', { 'x-purpose': Purpose.EMERGENCY, 'x-justification': 'x'.repeat(1001) }],
];

describe('purpose of use', () => {
  const victimId = cooperatingVictimWithAssessments();

  it.each(refusedHeaders)('refuses %s with PURPOSE_REQUIRED, calling no subgraph', async (_name, purposeHeaders) => {
    const before = await subgraphRequests();
    const response = await post(testHub().gatewayUrl, { query: victimQuery, variables: { id: victimId } }, {
      authorization: `Bearer ${await tokenFor(coordinator)}`,
      ...purposeHeaders,
    });
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['PURPOSE_REQUIRED']);
    expect(response.data).toBeUndefined();
    expect(await subgraphRequests()).toBe(before);
  });

  it('accepts a purpose from the closed set (the control for the refusals above)', async () => {
    const before = await subgraphRequests();
    const response = await queryAs<VictimAnswer>({ ...coordinator, purpose: Purpose.CASE_COORDINATION }, victimQuery, { id: victimId });
    expect(response.status).toBe(200);
    expect(response.data?.victim?.alias).toEqual(expect.any(String));
    expect(await subgraphRequests()).toBeGreaterThan(before);
  });

  it('without EMERGENCY, refuses a coordinator the police case with CONSENT_REQUIRED', async () => {
    const response = await queryAs<VictimAnswer>({ ...coordinator, purpose: Purpose.CASE_COORDINATION }, victimQuery, { id: victimId });
    expect(response.data?.victim?.cooperatesWithPolice).toBeNull();
    expect(response.data?.victim?.investigations).toBeNull();
    expect(response.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['victim', 'cooperatesWithPolice'],
          extensions: expect.objectContaining({ code: 'CONSENT_REQUIRED', category: DataCategory.POLICE_CASE }),
        }),
      ]),
    );
  });

  it('with EMERGENCY and a justification, opens the police case to a coordinator but refuses HEALTH_DETAIL with FORBIDDEN', async () => {
    const response = await queryAs<VictimAnswer>({ ...coordinator, purpose: Purpose.EMERGENCY, justification }, victimQuery, {
      id: victimId,
    });
    expect(response.status).toBe(200);
    expect(response.data?.victim?.alias).toEqual(expect.any(String));
    expect(response.data?.victim?.cooperatesWithPolice).toBe(true);
    expect(response.data?.victim?.investigations?.length).toBeGreaterThan(0);
    expect(response.data?.victim?.healthAssessments).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['victim', 'healthAssessments'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', category: DataCategory.HEALTH_DETAIL }),
      }),
    ]);
  });

  it('accepts an EMERGENCY justification of exactly 20 characters', async () => {
    const response = await queryAs<VictimAnswer>(
      { ...coordinator, purpose: Purpose.EMERGENCY, justification: 'Imminent danger: now' },
      victimQuery,
      { id: victimId },
    );
    expect(response.status).toBe(200);
    expect(response.data?.victim?.cooperatesWithPolice).toBe(true);
  });
});
