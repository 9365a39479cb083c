/**
 * A subgraph answers nothing — not `_service`, not `_entities`, not a normal query — to a caller that
 * goes around the gateway without a valid hub assertion: HTTP 401, UNAUTHENTICATED, no data, and the
 * request never reaches GraphQL. A valid gateway-signed assertion works, so the refusal is about the
 * assertion and nothing else. Coordination's internal consent look-up trusts subgraphs only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import {
  Agency,
  type HubCaller,
  Purpose,
  Region,
  Role,
  type ServiceKeys,
  loadServiceKeys,
  requestBodyHash,
  signHubAssertion,
  subgraphNames,
} from '@hub/shared';
import { codes, counter, post, tokenFor } from '../support/client';
import { TEST_AS_OF, TEST_SEED, testHub } from '../support/hub-info';

type SigningKey = Parameters<SignJWT['sign']>[0];

const victimId = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF }).coordination.victims[0]!.id;
const caller = (): HubCaller => ({
  sub: 'coord-direct-test',
  agency: Agency.COORDINATION,
  role: Role.COORDINATOR,
  regions: [],
  purpose: Purpose.CASE_COORDINATION,
  justification: null,
  requestId: crypto.randomUUID(),
  via: 'gateway',
});

const keys = new Map<string, Promise<ServiceKeys>>();
const serviceKeys = (name: string): Promise<ServiceKeys> => {
  if (!keys.has(name)) keys.set(name, loadServiceKeys(testHub().keysDir, name));
  return keys.get(name)!;
};

const now = (): number => Math.floor(Date.now() / 1000);

/** An assertion like the gateway's, wrong in the ways the options say. */
async function assertion(options: {
  key: SigningKey;
  kid: string;
  iss: string;
  aud: string;
  iat?: number;
  exp?: number;
  typ?: string;
  claims?: Record<string, unknown>;
  /** The request body the assertion is bound to; every forgery is otherwise well-formed. */
  body: string;
}): Promise<string> {
  const c = caller();
  const iat = options.iat ?? now();
  return new SignJWT({ jti: crypto.randomUUID(), bh: requestBodyHash(options.body), agency: c.agency, role: c.role, regions: c.regions, purpose: c.purpose, justification: null, rid: c.requestId, ...options.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: options.kid, typ: options.typ ?? 'hub-assertion+jwt' })
    .setIssuer(options.iss)
    .setSubject(c.sub)
    .setAudience(options.aud)
    .setIssuedAt(iat)
    .setExpirationTime(options.exp ?? iat + 30)
    .sign(options.key);
}

const otherSubgraph = (name: string): string => (name === 'police' ? 'immigration' : 'police');

/** Each: description → the Authorization header (undefined: none) for a request to subgraph `target`. */
const forgeries: [string, (target: string, body: string) => Promise<string | undefined>][] = [
  ['no Authorization header', async () => undefined],
  ["the user's own bearer token", async () => `Bearer ${await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR })}`],
  ['an assertion signed by a key outside the trusted set', async (target, body) => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    return `Bearer ${await assertion({ key: privateKey, kid: 'gateway', iss: 'gateway', aud: target, body })}`;
  }],
  ['an expired gateway assertion', async (target, body) => {
    const gateway = await serviceKeys('gateway');
    return `Bearer ${await assertion({ key: gateway.signingKey, kid: 'gateway', iss: 'gateway', aud: target, iat: now() - 120, exp: now() - 90, body })}`;
  }],
  ['a gateway assertion for another audience', async (target, body) =>
    `Bearer ${await signHubAssertion(await serviceKeys('gateway'), otherSubgraph(target), caller(), body)}`],
  ["a subgraph's own assertion (only the gateway may call /graphql)", async (target, body) =>
    `Bearer ${await signHubAssertion(await serviceKeys(otherSubgraph(target)), target, caller(), body)}`],
  ["a subgraph's key claiming to be the gateway", async (target, body) => {
    const other = await serviceKeys(otherSubgraph(target));
    return `Bearer ${await assertion({ key: other.signingKey, kid: other.name, iss: 'gateway', aud: target, body })}`;
  }],
  ["a subgraph's key under the gateway's key id", async (target, body) => {
    const other = await serviceKeys(otherSubgraph(target));
    return `Bearer ${await assertion({ key: other.signingKey, kid: 'gateway', iss: 'gateway', aud: target, body })}`;
  }],
  ['a gateway assertion living longer than 60 s (exp − iat = 120 s)', async (target, body) => {
    const gateway = await serviceKeys('gateway');
    return `Bearer ${await assertion({ key: gateway.signingKey, kid: 'gateway', iss: 'gateway', aud: target, exp: now() + 120, body })}`;
  }],
  ['a gateway assertion of another token type', async (target, body) => {
    const gateway = await serviceKeys('gateway');
    return `Bearer ${await assertion({ key: gateway.signingKey, kid: 'gateway', iss: 'gateway', aud: target, typ: 'JWT', body })}`;
  }],
  ['a gateway assertion with an unknown purpose', async (target, body) => {
    const gateway = await serviceKeys('gateway');
    return `Bearer ${await assertion({ key: gateway.signingKey, kid: 'gateway', iss: 'gateway', aud: target, claims: { purpose: 'CURIOSITY' }, body })}`;
  }],
];

const schemaOf = (name: string): string => {
  const path = join(__dirname, '../../subgraphs', name, 'schema.graphql');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};
const hasVictim = (name: string): boolean => /type Victim @key/.test(schemaOf(name));

/** A normal query each subgraph answers to a coordinator (only coordination and social services have root fields about cases). */
const normalQueries: Record<string, string> = {
  coordination: `{ victim(id: "${victimId}") { id alias } }`,
  'social-services': '{ shelters { id capacity } }',
};
const operations = (name: string): [string, string][] => [
  ['_service { sdl }', '{ _service { sdl } }'],
  ['_entities', `{ _entities(representations: [{ __typename: "Victim", id: "${victimId}" }]) { __typename } }`],
  ['a normal query', normalQueries[name] ?? '{ __typename }'],
];

const urlOf = (name: string): string => {
  const service = testHub().services[name];
  if (!service) throw new Error(`the test hub runs no ${name} subgraph`);
  return service.url;
};

describe.each([...subgraphNames])('direct access to the %s subgraph', (name) => {
  const cases = forgeries.flatMap(([forgery, header]) => operations(name).map(([op, query]) => [forgery, op, query, header] as const));

  it.each(cases)('refuses %s on %s with HTTP 401 and no data', async (_forgery, _op, query, header) => {
    const body = JSON.stringify({ query });
    const authorization = await header(name, body);
    const authenticatedBefore = await counter(name, 'hub_graphql_requests_authenticated_total');
    const response = await post(urlOf(name), body, authorization === undefined ? {} : { authorization });
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data).toBeUndefined();
    expect(await counter(name, 'hub_graphql_requests_authenticated_total')).toBe(authenticatedBefore);
  });

  it('answers the same operations to a valid gateway-signed assertion', async () => {
    const gateway = await serviceKeys('gateway');
    for (const [op, query] of operations(name)) {
      if (op === '_entities' && !hasVictim(name)) continue;
      const body = JSON.stringify({ query });
      const response = await post(urlOf(name), body, { authorization: `Bearer ${await signHubAssertion(gateway, name, caller(), body)}` });
      expect({ op, status: response.status, codes: codes(response) }).toEqual({ op, status: 200, codes: [] });
      expect(response.data).toBeTruthy();
    }
  });

  it('serves its schema only with a valid assertion (the SDL it returns is its committed schema)', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const response = await post<{ _service: { sdl: string } }>(urlOf(name), body, {
      authorization: `Bearer ${await signHubAssertion(await serviceKeys('gateway'), name, caller(), body)}`,
    });
    expect(response.data?._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation');
  });
});

describe("coordination's internal consent look-up", () => {
  const url = (): string => urlOf('coordination').replace(/\/graphql$/, '/internal/victim-access-facts');
  const lookupBody = JSON.stringify({ victimIds: [victimId] });
  const lookup = (headers: Record<string, string>) => post<{ facts?: ({ id: string } | null)[] }>(url(), lookupBody, headers);

  it('answers a subgraph (police) that signs the look-up for coordination', async () => {
    const response = await lookup({ authorization: `Bearer ${await signHubAssertion(await serviceKeys('police'), 'coordination', caller(), lookupBody)}` });
    expect(response.status).toBe(200);
    expect((response as unknown as { facts: { id: string }[] }).facts[0]?.id).toBe(victimId);
  });

  it.each<[string, () => Promise<Record<string, string>>]>([
    ['an unsigned request', async () => ({})],
    ["the user's own bearer token", async () => ({ authorization: `Bearer ${await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR })}` })],
    ['a gateway-signed assertion (only subgraphs may call it)', async () => ({
      authorization: `Bearer ${await signHubAssertion(await serviceKeys('gateway'), 'coordination', caller(), lookupBody)}`,
    })],
    ['a police assertion addressed to another audience', async () => ({
      authorization: `Bearer ${await signHubAssertion(await serviceKeys('police'), 'health', caller(), lookupBody)}`,
    })],
    ['an assertion signed by a key outside the trusted set', async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      return { authorization: `Bearer ${await assertion({ key: privateKey, kid: 'police', iss: 'police', aud: 'coordination', body: lookupBody })}` };
    }],
  ])('refuses %s with HTTP 401 and no facts', async (_name, headers) => {
    const response = await lookup(await headers());
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(response)).not.toContain(victimId);
  });
});

describe("coordination's internal region look-up (statistics by region)", () => {
  const url = (): string => urlOf('coordination').replace(/\/graphql$/, '/internal/victim-regions');
  const body = JSON.stringify({ victimIds: [victimId, 'v-no-such-victim'] });
  const analyst = (): HubCaller => ({ ...caller(), sub: 'analyst-direct-test', role: Role.ANALYST, purpose: Purpose.STATISTICS });
  const ask = async (who: HubCaller) =>
    post<{ regions?: (string | null)[] }>(url(), body, {
      authorization: `Bearer ${await signHubAssertion(await serviceKeys('police'), 'coordination', who, body)}`,
    });

  it("answers a subgraph counting for an analyst's statistics with each victim's region, null for an unknown id", async () => {
    const response = await ask(analyst());
    expect(response.status).toBe(200);
    const regions = (response as unknown as { regions: (string | null)[] }).regions;
    expect(regions).toHaveLength(2);
    expect(Object.values(Region)).toContain(regions[0]);
    expect(regions[1]).toBeNull();
  });

  it('refuses the same look-up for a caller who does not read statistics (a coordinator on a case)', async () => {
    const response = await ask(caller());
    expect(response.status).toBe(403);
    expect(JSON.stringify(response)).not.toMatch(new RegExp(Object.values(Region).join('|')));
  });
});
