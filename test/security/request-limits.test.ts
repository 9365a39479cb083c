/**
 * The gateway refuses operations beyond its limits (depth, aliases, directives, cost, tokens, body size),
 * cross-site-forgeable requests and batches, each with a coded error and before any subgraph is called.
 * Each limit has a control just inside it, so the refusals are about the limit.
 */
import { requestLimits } from '@hub/gateway/src/plugins/request-limits';
import { Agency, Purpose, Role, subgraphNames } from '@hub/shared';
import { type GraphQLResponse, codes, counter, post, tokenFor } from '../support/client';
import { testHub } from '../support/hub-info';

const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR };

async function subgraphRequests(): Promise<number> {
  const counts = await Promise.all(subgraphNames.map((name) => counter(name, 'hub_graphql_requests_total')));
  return counts.reduce((sum, n) => sum + n, 0);
}

async function headers(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(coordinator)}`, 'x-purpose': Purpose.CASE_COORDINATION };
}

/** POSTs a body to the gateway as a coordinator; tells whether any subgraph was called. */
async function send(body: unknown, extra: Record<string, string> = {}): Promise<{ response: GraphQLResponse; subgraphsCalled: boolean }> {
  const before = await subgraphRequests();
  const response = await post(testHub().gatewayUrl, body, { ...(await headers()), ...extra });
  return { response, subgraphsCalled: (await subgraphRequests()) > before };
}

const caseload = 'caseload: victims(first: 1) { totalCount }';
/** `__type(name: "Victim") { fields { type { ofType { … { name } } } } }`, `depth` levels deep in all. */
const deep = (depth: number): string => {
  const ofTypes = depth - 4;
  return `__type(name: "Victim") { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } }`;
};
const aliased = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}: victims(first: 1) { totalCount }`).join(' ');
const expensive = (first: number): string =>
  ['a', 'b', 'c']
    .map((alias) => `${alias}: victims(first: ${first}) { edges { node { id alias birthYear gender nationalities languages minor region
      exploitationForms coordinator supportPath { stage events { at agency kind summary } alerts { kind message } } } } }`)
    .join(' ');
/** About `n` tokens: 11 for the caseload, 3 per aliased `__typename` (repeating one field trips graphql-js's own overlap guard). */
const tokens = (n: number): string =>
  `{ victims(first: 1) { totalCount } ${Array.from({ length: Math.ceil((n - 11) / 3) }, (_, i) => `t${i}: __typename`).join(' ')} }`;
const directives = (n: number): string => `{ victims(first: 1) { ${'totalCount @include(if: true) '.repeat(n)}} }`;

describe('request limits', () => {
  it.each<[string, string, string, string]>([
    [`depth over ${requestLimits.maxDepth}`, `{ ${caseload} ${deep(requestLimits.maxDepth + 1)} }`, `{ ${caseload} ${deep(requestLimits.maxDepth)} }`, 'MAX_DEPTH_EXCEEDED'],
    [`${requestLimits.maxAliases + 1} aliases`, `{ ${aliased(requestLimits.maxAliases + 1)} }`, `{ ${aliased(requestLimits.maxAliases)} }`, 'MAX_ALIASES_EXCEEDED'],
    [`a cost over ${requestLimits.maxCost} (three pages of 100 victims with their support paths)`, `{ ${expensive(100)} }`, `{ ${expensive(1)} }`, 'COST_LIMIT_EXCEEDED'],
    [`more than ${requestLimits.maxTokens} tokens`, tokens(requestLimits.maxTokens + 1), tokens(requestLimits.maxTokens - 100), 'MAX_TOKENS_EXCEEDED'],
    [`more than ${requestLimits.maxDirectives} directives`, directives(requestLimits.maxDirectives + 1), directives(requestLimits.maxDirectives), 'MAX_DIRECTIVES_EXCEEDED'],
  ])('refuses %s with its code, calling no subgraph (and accepts the same just inside the limit)', async (_name, over, inside, code) => {
    const refused = await send({ query: over });
    expect(refused.response.status).toBe(400);
    expect(codes(refused.response)).toEqual([code]);
    expect(refused.response.data).toBeUndefined();
    expect(refused.subgraphsCalled).toBe(false);

    const accepted = await send({ query: inside });
    expect({ status: accepted.response.status, codes: codes(accepted.response) }).toEqual({ status: 200, codes: [] });
    expect(accepted.subgraphsCalled).toBe(true);
  });

  it(`refuses a body over ${requestLimits.maxBodyBytes / 1024} KiB with HTTP 413 and PAYLOAD_TOO_LARGE, calling no subgraph`, async () => {
    const query = '{ victims(first: 1) { totalCount } }';
    const refused = await send({ query, variables: { padding: 'x'.repeat(requestLimits.maxBodyBytes + 1) } });
    expect(refused.response.status).toBe(413);
    expect(codes(refused.response)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(refused.subgraphsCalled).toBe(false);

    const accepted = await send({ query, variables: { padding: 'x'.repeat(requestLimits.maxBodyBytes - 1024) } });
    expect({ status: accepted.response.status, codes: codes(accepted.response) }).toEqual({ status: 200, codes: [] });
  });

  describe('CSRF prevention', () => {
    const query = '{ victims(first: 1) { totalCount } }';

    const get = async (extra: Record<string, string>) => {
      const before = await subgraphRequests();
      const response = await fetch(`${testHub().gatewayUrl}?query=${encodeURIComponent(query)}`, { headers: { ...(await headers()), ...extra } });
      const body = await response.text();
      return { status: response.status, body, subgraphsCalled: (await subgraphRequests()) > before };
    };

    it('refuses a GET without a preflight header, calling no subgraph', async () => {
      const refused = await get({});
      expect(refused.status).toBe(400);
      expect(refused.body).toMatch(/CSRF|Cross-Site Request Forgery/i);
      expect(refused.body).not.toContain('totalCount');
      expect(refused.subgraphsCalled).toBe(false);
    });

    it('answers the same GET with a preflight header (the control)', async () => {
      const accepted = await get({ 'apollo-require-preflight': 'true' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toContain('totalCount');
    });

    it('refuses a POST with content-type text/plain and no preflight header, calling no subgraph', async () => {
      const refused = await send(JSON.stringify({ query }), { 'content-type': 'text/plain' });
      expect(refused.response.status).toBe(400);
      expect(refused.response.errors?.[0]?.message ?? '').toMatch(/CSRF|Cross-Site Request Forgery/i);
      expect(refused.response.data).toBeUndefined();
      expect(refused.subgraphsCalled).toBe(false);
    });
  });

  it('refuses a batch of operations (a JSON array), calling no subgraph', async () => {
    const refused = await send([{ query: '{ victims(first: 1) { totalCount } }' }, { query: '{ victims(first: 2) { totalCount } }' }]);
    expect(refused.response.status).toBe(400);
    expect(JSON.stringify(refused.response)).not.toContain('totalCount');
    expect(refused.subgraphsCalled).toBe(false);
  });
});
