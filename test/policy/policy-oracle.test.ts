import { type AccessDecision, DataCategory, Purpose, decide, describeBasis, roleAgencies } from '@hub/shared';
import { codes, queryAs } from '../support/client';
import { JUSTIFICATIONS, type OracleCase, oracleCaller, oracleCases, oracleVictim } from './oracle-case';
import { instantSensitive, oracleConsent } from './oracle-consents';
import { type VictimSpec, deleteVictims, insertVictims, newConsentId, newVictimId } from './victim-fixtures';

/**
 * The independent policy oracle (issue 8, point 12): the hand-written expectations of oracle-cases.ts, checked
 * against `decide()` and — for every case the test hub can set up (registered victims, real clock, a field probe
 * for the category) — end to end through the gateway. Unlike policy-matrix.test.ts, nothing here asks `decide()`
 * what to expect.
 */

const cases = oracleCases();
const now = Date.parse('2026-06-15T12:00:00.000Z');

const outcome = (d: AccessDecision): string => (d.allow ? describeBasis(d.basis) : d.code);

it('holds at least 150 hand-written cases, of every basis and both denial codes', () => {
  expect(cases.length).toBeGreaterThanOrEqual(150);
  const kinds = new Set(cases.map((c) => c.expected.replace(/:.*/, '')));
  expect([...kinds].sort()).toEqual(['CONSENT', 'CONSENT_REQUIRED', 'EMERGENCY', 'FORBIDDEN', 'LEGAL_RULE', 'OWN_RECORDS']);
  expect(new Set(cases.map((c) => c.text)).size).toBe(cases.length);
});

describe('decide() agrees with every hand-written case', () => {
  it.each(cases.map((c) => [c.line, c.text, c] as const))('line %i: %s', (_line, _text, c) => {
    const decision = decide(oracleCaller(c), c.category, oracleVictim(c, now), new Date(now));
    expect(outcome(decision)).toBe(c.expected);
    // Every emergency access, and only those, waits in the review queue.
    if (decision.allow) expect(decision.review).toBe(c.expected === 'EMERGENCY');
  });
});

/** The field of the probe victim that carries each category (see matrix-probes.ts). */
const PROBE: Partial<Record<DataCategory, string>> = {
  IDENTITY: 'alias',
  CASE_STATUS: 'region',
  IDENTIFICATION: 'identification { identifiedAt }',
  CONSENT: 'consents { id }',
  POLICE_CASE: 'cooperatesWithPolice',
  IMMIGRATION: 'reflectionPeriod { endsAt }',
  SOCIAL: 'acceptedAssistance',
  HEALTH_SUMMARY: 'healthSummary { hasGp }',
  HEALTH_DETAIL: 'healthAssessments { id }',
  CHILD_WELFARE: 'guardian { appointedAt }',
  LABOUR_CASE: 'workplaceInspections { id }',
  ACCESS_LOG: 'accessHistory { purpose }',
};

/**
 * Cases the test hub can replay: a victim it can register (not `unregistered`), or the safe-house directory; a
 * role its issuer signs tokens for; a consent state that does not hinge on the exact instant; a justification the
 * gateway lets through; and a field that carries the category on its own (SHELTER_LOCATION of a victim is only
 * reached through SOCIAL placements, so it is probed in the directory only).
 */
/** The justifications the table calls written (the proper one, and exactly 20 characters). */
const written = [JUSTIFICATIONS[''], JUSTIFICATIONS['(20)']];

const endToEnd = cases.filter(
  (c) =>
    roleAgencies[c.role].includes(c.agency) &&
    c.victim !== 'unregistered' &&
    (c.victim === 'directory' ? c.category === DataCategory.SHELTER_LOCATION : PROBE[c.category] !== undefined) &&
    !c.consentIds.some((id) => instantSensitive.has(id)) &&
    (c.purpose !== Purpose.EMERGENCY || written.includes(c.justification)),
);

/** One registered victim per (kind, region, consents) the replayed cases name, with fresh consent ids. */
const victimKey = (c: OracleCase): string => [c.victim, c.victimRegion, ...c.consentIds].join(' ');
const specs = new Map<string, VictimSpec>();
for (const c of endToEnd.filter((e) => e.victim !== 'directory')) {
  if (specs.has(victimKey(c))) continue;
  specs.set(victimKey(c), {
    id: newVictimId(),
    alias: `Oracle ${victimKey(c)}`,
    minor: c.victim === 'minor',
    policeInvestigation: c.victim === 'investigated',
    referredByNgo: c.victim === 'ngo',
    region: c.victimRegion ?? undefined,
    consents: c.consentIds.map((id) => ({ ...oracleConsent(id, Date.now()), id: newConsentId() })),
  });
}

beforeAll(async () => {
  await insertVictims([...specs.values()]);
}, 60_000);
afterAll(async () => {
  console.log(`policy oracle: ${cases.length} hand-written cases, ${endToEnd.length} of them replayed through the gateway in ${byCaller.size} requests`);
  await deleteVictims([...specs.values()].map((s) => s.id));
}, 60_000);

type Caller = Pick<OracleCase, 'agency' | 'role' | 'regions' | 'purpose' | 'justification'>;
const callerKey = (c: Caller): string =>
  `${c.agency} ${c.role} @${c.regions.join(',')} ${c.purpose}${c.justification === null ? '' : ` (justified in ${c.justification.length} characters)`}`;
/** Cases of one caller, at most 12 to a request (the gateway allows 15 aliases). */
const byCaller = new Map<string, OracleCase[]>();
for (const c of endToEnd) {
  let n = 1;
  while ((byCaller.get(`${callerKey(c)} #${n}`)?.length ?? 0) >= 12) n += 1;
  const key = `${callerKey(c)} #${n}`;
  byCaller.set(key, [...(byCaller.get(key) ?? []), c]);
}

it('replays a representative subset end to end', () => {
  expect(endToEnd.length).toBeGreaterThanOrEqual(100);
  expect(new Set(endToEnd.map((c) => c.expected.replace(/:.*/, ''))).size).toBe(6);
});

describe('the gateway answers every replayable case as written', () => {
  it.each([...byCaller.keys()])('%s', async (key) => {
    const group = byCaller.get(key)!;
    const first = group[0]!;
    const selections = group.map((c, i) =>
      c.victim === 'directory'
        ? `  r${i}: shelters { name }`
        : `  r${i}: victim(id: "${specs.get(victimKey(c))!.id}") { ${PROBE[c.category]} }`,
    );
    const response = await queryAs(
      {
        agency: first.agency,
        role: first.role,
        regions: first.regions,
        purpose: first.purpose,
        ...(first.justification ? { justification: first.justification } : {}),
      },
      `query PolicyOracle {\n${selections.join('\n')}\n}`,
    );
    expect(response.status).toBe(200);
    const problems: string[] = [];
    group.forEach((c, i) => {
      const alias = `r${i}`;
      const node = (response.data as Record<string, unknown> | null | undefined)?.[alias];
      const errors = (response.errors ?? []).filter((e) => e.path?.[0] === alias);
      const where = `line ${c.line} (${c.text})`;
      const allowed = !['FORBIDDEN', 'CONSENT_REQUIRED'].includes(c.expected);
      if (c.victim === 'directory') {
        const names = Array.isArray(node) ? node.map((s) => (s as { name: unknown }).name) : [];
        if (names.length === 0) problems.push(`${where}: the directory is empty`);
        if (allowed && (errors.length > 0 || names.some((n) => typeof n !== 'string'))) {
          problems.push(`${where}: expected the names, got ${JSON.stringify(names)} ${JSON.stringify(errors.map((e) => e.extensions?.code))}`);
        }
        if (!allowed && (names.some((n) => n !== null) || errors.some((e) => e.extensions?.code !== c.expected))) {
          problems.push(`${where}: expected ${c.expected}, got ${JSON.stringify(names)} ${JSON.stringify(errors.map((e) => e.extensions?.code))}`);
        }
        return;
      }
      const field = PROBE[c.category]!.split(' ')[0]!;
      const value = (node as Record<string, unknown> | null | undefined)?.[field];
      const error = errors.find((e) => e.path?.[1] === field);
      if (allowed) {
        if (error || value === null || value === undefined) {
          problems.push(`${where}: expected a value, got ${JSON.stringify(value)} ${String(error?.extensions?.code ?? '')}`);
        }
      } else if (value !== null || error?.extensions?.code !== c.expected || error?.extensions?.category !== c.category) {
        problems.push(
          `${where}: expected null with ${c.expected}/${c.category}, got ${JSON.stringify(value)} ` +
            `${String(error?.extensions?.code)}/${String(error?.extensions?.category)}`,
        );
      }
    });
    expect(problems).toEqual([]);
  });
});

/**
 * The rest of the denials the gateway refuses before any subgraph decides: a role outside its agency
 * (UNAUTHENTICATED: the token itself is refused) and an emergency without a proper written justification
 * (PURPOSE_REQUIRED). Either way no field is answered — stricter than, and consistent with, the FORBIDDEN
 * the table expects of decide().
 */
const refusedAtGateway = cases.filter(
  (c) => !roleAgencies[c.role].includes(c.agency) || (c.purpose === Purpose.EMERGENCY && !written.includes(c.justification)),
);

it('holds only FORBIDDEN among the cases the gateway refuses up front', () => {
  expect(refusedAtGateway.length).toBeGreaterThanOrEqual(10);
  expect(new Set(refusedAtGateway.map((c) => c.expected))).toEqual(new Set(['FORBIDDEN']));
});

it.each(refusedAtGateway.map((c) => [c.line, c.text, c] as const))('gateway refuses line %i up front: %s', async (_line, _text, c) => {
  const response = await queryAs(
    {
      agency: c.agency,
      role: c.role,
      regions: c.regions,
      purpose: c.purpose,
      ...(c.justification !== null ? { justification: c.justification } : {}),
    },
    '{ shelters { name } }',
  );
  expect(response.data ?? null).toBeNull();
  expect(codes(response)).toEqual([roleAgencies[c.role].includes(c.agency) ? 'PURPOSE_REQUIRED' : 'UNAUTHENTICATED']);
});
