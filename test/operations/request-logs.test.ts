/**
 * Issue 12, point 4: every service writes one structured line per request — request id, trace id, who,
 * purpose, operation, duration, outcome and codes — and no log line of any service ever holds a token, a
 * justification or a personal value: the requests below carry all three (in headers, variables, the query
 * string and the answers), then every line every service wrote during the run is searched for them.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import { Agency, Purpose, Role } from '@hub/shared';
import { identifyVictim, uniqueAlias } from '../audit/audit-support';
import { post, tokenFor } from '../support/client';
import { TEST_AS_OF, TEST_SEED, testHub } from '../support/hub-info';

const caseload = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF });
const coordinatorIdentity = { agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: 'ops-log-test-coordinator' };
const justification = `Safe house reports the victim missing, case ${randomBytes(4).toString('hex')}`;
const traceId = randomBytes(16).toString('hex');

const emergencyQuery = `query OpsLoggedEmergency { victims(first: 40) { edges { node {
  id alias birthYear nationalities region
  reflectionPeriod { endsAt } placements { shelter { name address } } healthSummary { hasGp }
} } } }`;

interface LogLine {
  service: string;
  raw: string;
  json: Record<string, unknown> | null;
}

const readLines = (): LogLine[] =>
  readFileSync(testHub().logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { service, raw } = JSON.parse(line) as { service: string; raw: string };
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        json = null;
      }
      return { service, raw, json };
    });

/** Every string in an answer that says something about a victim (not ids, enum values or dates). */
function personalStrings(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (value.length >= 5 && !/^[a-z]+-[0-9a-f]+$/.test(value) && !/^[A-Z0-9_]+$/.test(value) && Number.isNaN(Date.parse(value))) out.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => personalStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => personalStrings(v, out));
  return out;
}

describe('request logs', () => {
  let token: string;
  let emergencyRequestId: string;
  let answerValues: Set<string>;
  let mutationAlias: string;
  let getAlias: string;

  beforeAll(async () => {
    token = await tokenFor(coordinatorIdentity);
    const gateway = testHub().gatewayUrl;
    const emergency = await post(gateway, { query: emergencyQuery, operationName: 'OpsLoggedEmergency' }, {
      authorization: `Bearer ${token}`,
      'x-purpose': Purpose.EMERGENCY,
      'x-justification': justification,
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    });
    expect(emergency.status).toBe(200);
    emergencyRequestId = emergency.requestId!;
    answerValues = personalStrings(emergency.data);
    expect(answerValues.size).toBeGreaterThan(20);
    // Personal values in variables (a new victim's alias) and in a GET query string.
    mutationAlias = uniqueAlias('Logtest Mutation');
    await identifyVictim(mutationAlias);
    getAlias = uniqueAlias('Logtest Querystring');
    const url = new URL(gateway);
    url.searchParams.set('query', `{ victims(first: 1, filter: { alias: "${getAlias}" }) { totalCount } }`);
    await fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-purpose': Purpose.CASE_COORDINATION, 'apollo-require-preflight': '1' } });
    // A refused request: a token that is not one.
    await post(gateway, { query: '{ victims(first: 1) { totalCount } }' }, { authorization: `Bearer ${token}x`, 'x-purpose': Purpose.CASE_COORDINATION });
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the launcher's pipes deliver the last lines
  });

  it('writes one line per request at the gateway and at every subgraph it called, with who, why, what and how it ended', () => {
    const lines = readLines().filter((l) => l.json?.msg === 'request' && l.json.requestId === emergencyRequestId);
    const gatewayLines = lines.filter((l) => l.service === 'gateway');
    expect(gatewayLines).toHaveLength(1);
    const line = gatewayLines[0]!.json!;
    expect(line).toMatchObject({
      requestId: emergencyRequestId,
      traceId,
      subject: coordinatorIdentity.sub,
      agency: Agency.COORDINATION,
      role: Role.COORDINATOR,
      purpose: Purpose.EMERGENCY,
      operationName: 'OpsLoggedEmergency',
      method: 'POST',
      path: '/graphql',
      status: 200,
    });
    expect(typeof line.responseTime).toBe('number');
    expect(['OK', 'ERRORS']).toContain(line.outcome);
    expect(Array.isArray(line.codes)).toBe(true);
    // Every subgraph the query needed logged the same request id, as called by the gateway; coordination also
    // logged each subgraph's consent look-up for that request under the same id.
    const graphql = lines.filter((l) => l.service !== 'gateway' && l.json!.path === '/graphql');
    for (const name of ['coordination', 'immigration', 'social-services', 'health']) expect(graphql.map((l) => l.service)).toContain(name);
    for (const l of graphql) expect(l.json).toMatchObject({ purpose: Purpose.EMERGENCY, via: 'gateway', subject: coordinatorIdentity.sub });
    const lookups = lines.filter((l) => l.json!.path === '/internal/victim-access-facts');
    expect(lookups.map((l) => l.service)).toContain('coordination');
    for (const l of lookups) expect(l.json).toMatchObject({ purpose: Purpose.EMERGENCY, subject: coordinatorIdentity.sub });
  });

  it('logs a refused request with its outcome and code', () => {
    const refused = readLines().filter((l) => l.service === 'gateway' && l.json?.msg === 'request' && l.json.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.at(-1)!.json).toMatchObject({ outcome: 'REFUSED', codes: ['UNAUTHENTICATED'] });
  });

  it('never writes the token, the justification or a personal value in any line of any service', () => {
    const lines = readLines();
    expect(lines.length).toBeGreaterThan(30);
    const text = lines.map((l) => l.raw).join('\n');
    const secrets = [token, token.split('.')[2]!, justification, mutationAlias, getAlias];
    const demoValues = [
      ...caseload.coordination.victims.map((v) => v.alias),
      ...caseload.socialServices.shelters.flatMap((s) => [s.address]),
      ...caseload.health.assessments.map((a) => a.notes),
    ];
    const found = [...secrets, ...answerValues, ...demoValues].filter((value) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)));
    expect(found).toEqual([]);
  });
});
