/**
 * The gateway lets no request through without a valid bearer token from the configured issuer: every
 * refusal is HTTP 401 with UNAUTHENTICATED, carries no data, and no subgraph is called at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JWK, type JWTPayload, SignJWT, generateKeyPair, importJWK } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '@hub/gateway/src/config';
import { Agency, Purpose, Role, subgraphNames } from '@hub/shared';
import { codes, counter, post, tokenFor } from '../support/client';
import { testHub } from '../support/hub-info';

const query = '{ victims(first: 1) { totalCount } }';
const now = (): number => Math.floor(Date.now() / 1000);

/** Every GraphQL request any subgraph has received (authenticated or not). */
async function subgraphRequests(): Promise<number> {
  const counts = await Promise.all(subgraphNames.map((name) => counter(name, 'hub_graphql_requests_total')));
  return counts.reduce((sum, n) => sum + n, 0);
}

/** The embedded issuer's own private key, to sign tokens that are wrong in exactly one respect. */
function issuerJwk(): JWK {
  return JSON.parse(readFileSync(join(testHub().dataDir, 'issuer', 'private.jwk.json'), 'utf8')) as JWK;
}

interface TokenOptions {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  iat?: number;
  exp?: number | null;
  key?: Parameters<SignJWT['sign']>[0];
}

/** Signs a token like the embedded issuer does (same kid, algorithm, claims), with the given changes. */
async function signToken(options: TokenOptions = {}): Promise<string> {
  const jwk = issuerJwk();
  const key = options.key ?? (await importJWK(jwk, 'EdDSA'));
  const iat = options.iat ?? now();
  const jwt = new SignJWT({ agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [], ...options.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setSubject('coordination-coordinator-test')
    .setIssuedAt(iat);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? iat + 600);
  return jwt.sign(key);
}

const bearer = (token: string): string => `Bearer ${token}`;

/** Each case: a description and the Authorization header to send (undefined: none). */
const refusedCases: [string, () => Promise<string | undefined>][] = [
  ['no Authorization header', async () => undefined],
  ['an empty Authorization header', async () => ''],
  ['a Basic scheme instead of Bearer', async () => 'Basic Y29vcmRpbmF0b3I6cGFzc3dvcmQ='],
  ['"Bearer" with no token', async () => 'Bearer '],
  ['a token that is not a JWT', async () => 'Bearer not-a-jwt'],
  ['an unsigned token (alg none, empty signature)', async () => {
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', agency: 'COORDINATION', role: 'COORDINATOR', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now() + 600 })}.`;
  }],
  ['a garbage token of three segments', async () => 'Bearer aGVsbG8.d29ybGQ.c2lnbmF0dXJl'],
  ['a valid token with its signature altered', async () => {
    const token = await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    return bearer(`${header}.${payload}.${flipped}`);
  }],
  ['an expired token (exp an hour ago)', async () => bearer(await signToken({ iat: now() - 7200, exp: now() - 3600 }))],
  ['a token without exp', async () => bearer(await signToken({ exp: null }))],
  ['a token signed by another Ed25519 key with the same kid and claims', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    return bearer(await signToken({ key: privateKey }));
  }],
  ['a token from another issuer', async () => bearer(await signToken({ issuer: 'https://idp.attacker.example' }))],
  ['a token for another audience', async () => bearer(await signToken({ audience: 'some-other-service' }))],
  ['a token naming an unknown agency', async () => bearer(await signToken({ claims: { agency: 'SECRET_SERVICE' } }))],
  ['a token naming an unknown role', async () => bearer(await signToken({ claims: { role: 'SUPERUSER' } }))],
  ['a token with a role that does not exist in its agency (CLINICIAN of POLICE)', async () =>
    bearer(await signToken({ claims: { agency: Agency.POLICE, role: Role.CLINICIAN } }))],
  ['a token with a role that does not exist in its agency (COORDINATOR of NGO)', async () =>
    bearer(await signToken({ claims: { agency: Agency.NGO, role: Role.COORDINATOR } }))],
  ['a token naming an unknown region', async () => bearer(await signToken({ claims: { regions: ['ATLANTIS'] } }))],
  // A misconfigured identity provider that drops the claim must not grant national access (no role is
  // configured as national on the test hub).
  ['a token without a regions claim', async () => bearer(await signToken({ claims: { regions: undefined } }))],
  ['a token without a subject', async () => {
    const jwk = issuerJwk();
    return bearer(
      await new SignJWT({ agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [] })
        .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: 'JWT' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(await importJWK(jwk, 'EdDSA')),
    );
  }],
];

describe('gateway authentication', () => {
  it('lets a valid token through to the subgraphs (the control for every refusal below)', async () => {
    const before = await subgraphRequests();
    const response = await post(testHub().gatewayUrl, { query }, {
      authorization: bearer(await signToken()),
      'x-purpose': Purpose.CASE_COORDINATION,
    });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ victims: { totalCount: expect.any(Number) } });
    expect(await subgraphRequests()).toBeGreaterThan(before);
  });

  it.each(refusedCases)('refuses %s with HTTP 401 and UNAUTHENTICATED, calling no subgraph', async (_name, authorization) => {
    const headers: Record<string, string> = { 'x-purpose': Purpose.CASE_COORDINATION };
    const header = await authorization();
    if (header !== undefined) headers.authorization = header;
    const before = await subgraphRequests();
    const response = await post(testHub().gatewayUrl, { query }, headers);
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data).toBeUndefined();
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await subgraphRequests()).toBe(before);
  });

  it('refuses a 1-second token that expired 9 s ago, beyond the 5 s clock tolerance', async () => {
    const before = await subgraphRequests();
    // Issued 10 s ago for 1 s: expired 9 s ago, more than the gateway's 5 s of clock tolerance.
    const token = await signToken({ iat: now() - 10, exp: now() - 9 });
    const response = await post(testHub().gatewayUrl, { query }, {
      authorization: bearer(token),
      'x-purpose': Purpose.CASE_COORDINATION,
    });
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(await subgraphRequests()).toBe(before);
  });
});
