/**
 * The gateway in production mode (HUB_MODE=production), as a real deployment runs it: bearer tokens only from
 * the configured OIDC issuer, read under the claim names the deployment configures; no embedded issuer and
 * none of its routes; only the operations of its trusted-documents manifest; no introspection and no field
 * suggestions. A second gateway process is started here against the test hub's subgraphs, and a real OpenID
 * Provider (the certified `oidc-provider` package, test/support/openid-provider/) that the gateway discovers:
 * agency systems get their tokens from it with client credentials.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildTrustedDocumentsManifest,
  renderTrustedDocumentsManifest,
} from '@hub/gateway/src/trusted-documents/trusted-documents-manifest';
import { Agency, Purpose, Role } from '@hub/shared';
import { type GraphQLResponse, codes, post, tokenFor } from '../support/client';
import { testHub } from '../support/hub-info';
import { discoverOidc } from '@hub/gateway/src/auth/discover-oidc';
import { readGatewayConfig } from '@hub/gateway/src/config';
import { decodeProtectedHeader } from 'jose';
import { type OpenIdProvider, machineClient, startOpenIdProvider } from '../support/openid-provider/openid-provider';
import { type ProductionGateway, startProductionGateway } from '../support/production-gateway';

const AUDIENCE = 'urn:support-path-hub:production-test';
const SECRET = 'a-client-secret-of-the-production-test';
const countQuery = 'query Count { victims(first: 1) { totalCount } }';
const schemaQuery = 'query Schema { __schema { types { name } } }';
const typeQuery = 'query VictimType { __type(name: "Victim") { fields { name } } }';

/**
 * This deployment's trusted documents: the operations these tests send, introspection included (a registered
 * introspection operation must still be refused: trusted documents do not replace the other defences).
 */
function writeManifest(dir: string): string {
  const documents = join(dir, 'documents');
  mkdirSync(documents);
  writeFileSync(join(documents, 'production-test.graphql'), [countQuery, schemaQuery, typeQuery].join('\n'));
  const path = join(dir, 'manifest.json');
  writeFileSync(path, renderTrustedDocumentsManifest(buildTrustedDocumentsManifest(documents)));
  return path;
}
let manifestDir: string;

let oidc: OpenIdProvider;
let gateway: ProductionGateway | undefined;

/** A coordinator's claims under the names this deployment configured (OIDC_CLAIM_*). */
const customClaims = {
  preferred_username: 'coordinator.production-test',
  hub_agency: Agency.COORDINATION,
  hub_role: Role.COORDINATOR,
  hub_regions: [],
};

const base = (): string => gateway!.origin;

/** POSTs an operation to the production gateway with a bearer token and the coordinator's purpose. */
async function askProduction<T = Record<string, unknown>>(token: string, query: string): Promise<GraphQLResponse<T>> {
  return post<T>(gateway!.url, { query }, { authorization: `Bearer ${token}`, 'x-purpose': Purpose.CASE_COORDINATION });
}

const coordinatorToken = (): Promise<string> => oidc.clientCredentialsToken('coordination-system', SECRET);

beforeAll(async () => {
  oidc = await startOpenIdProvider({
    audience: AUDIENCE,
    clients: ['coordination-system', 'default-claim-names', 'long-lived'].map((id) => machineClient(id, SECRET)),
    clientClaims: {
      'coordination-system': customClaims,
      'default-claim-names': { agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [] },
      'long-lived': customClaims,
    },
    // Longer than the gateway's default maximum (OIDC_MAX_TOKEN_LIFETIME_SECONDS = 3600).
    accessTokenTtl: { 'long-lived': 7200 },
  });
  manifestDir = mkdtempSync(join(tmpdir(), 'hub-production-manifest-'));
  gateway = await startProductionGateway({
    HUB_TRUSTED_DOCUMENTS_MANIFEST: writeManifest(manifestDir),
    // No OIDC_JWKS_URL: the gateway reads it from the issuer's discovery document.
    OIDC_ISSUER: oidc.issuer,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_CLAIM_SUBJECT: 'preferred_username',
    OIDC_CLAIM_AGENCY: 'hub_agency',
    OIDC_CLAIM_ROLE: 'hub_role',
    OIDC_CLAIM_REGIONS: 'hub_regions',
  });
});

afterAll(async () => {
  await gateway?.stop();
  await oidc?.stop();
  rmSync(manifestDir, { recursive: true, force: true });
});

describe('the gateway in production mode: authentication', () => {
  it('accepts a token from the configured issuer whose claims use the configured names', async () => {
    const response = await askProduction<{ victims: { totalCount: number } }>(await coordinatorToken(), countQuery);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.victims.totalCount).toBeGreaterThan(0);
  });

  it('refuses the same identity under the default claim names (agency, role) with UNAUTHENTICATED', async () => {
    const response = await askProduction(await oidc.clientCredentialsToken('default-claim-names', SECRET), countQuery);
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data).toBeUndefined();
  });

  it('refuses a token from the local embedded issuer with UNAUTHENTICATED', async () => {
    const local = await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR });
    // The control: the same token is good at the local-mode gateway.
    const atLocal = await post(testHub().gatewayUrl, { query: countQuery }, { authorization: `Bearer ${local}`, 'x-purpose': Purpose.CASE_COORDINATION });
    expect(atLocal.errors).toBeUndefined();
    const response = await askProduction(local, countQuery);
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data).toBeUndefined();
  });

  it('carries an x-request-id on answers and refusals', async () => {
    const answered = await askProduction(await coordinatorToken(), countQuery);
    const refused = await post(gateway!.url, { query: countQuery }, { 'x-purpose': Purpose.CASE_COORDINATION });
    expect(refused.status).toBe(401);
    for (const response of [answered, refused]) expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answered.requestId).not.toBe(refused.requestId);
  });
});

describe('the gateway in production mode: the OpenID Provider', () => {
  it('finds the JWKS and the console endpoints through discovery, and refuses metadata naming another issuer', async () => {
    const configured = readGatewayConfig({ AUDIT_WRITER_URL: 'postgres://w@db/a', OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: AUDIENCE });
    const discovered = await discoverOidc(configured.oidc!);
    const metadata = await oidc.metadata();
    expect(discovered.jwksUrl).toBe(metadata.jwks_uri);
    expect(discovered.console).toEqual({
      clientId: null,
      authorizationEndpoint: metadata.authorization_endpoint,
      tokenEndpoint: metadata.token_endpoint,
      endSessionEndpoint: metadata.end_session_endpoint,
    });
    // The provider publishes its keys somewhere else than the old guess, <issuer>/.well-known/jwks.json.
    expect(metadata.jwks_uri).not.toBe(`${oidc.issuer}/.well-known/jwks.json`);
    const impostor = { ...configured.oidc!, issuer: 'https://login.example.org/realms/hub' };
    await expect(discoverOidc(impostor)).rejects.toThrow(/names issuer http:\/\/127\.0\.0\.1:\d+, not OIDC_ISSUER https:\/\/login\.example\.org/);
  });

  it('refuses a token valid for longer than the maximum lifetime with UNAUTHENTICATED', async () => {
    const response = await askProduction(await oidc.clientCredentialsToken('long-lived', SECRET), countQuery);
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.message).toContain('valid for longer than 3600 seconds');
  });

  it('accepts tokens signed with a key the provider rotated in, and those of the key before it', async () => {
    const before = await coordinatorToken();
    expect((await askProduction(before, countQuery)).errors).toBeUndefined();
    const [newKid, oldKid] = await oidc.rotateKeys();
    const after = await coordinatorToken();
    expect([decodeProtectedHeader(before).kid, decodeProtectedHeader(after).kid]).toEqual([oldKid, newKid]);
    // The gateway fetches the JWKS again for an unknown key, at most every 5 seconds.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    for (const token of [after, before]) {
      const response = await askProduction(token, countQuery);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ victims: { totalCount: expect.any(Number) } });
    }
  });
});

describe('the gateway in production mode: what the schema gives away', () => {
  it('refuses introspection with a coded error and no schema data', async () => {
    const response = await askProduction(await coordinatorToken(), schemaQuery);
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.data ?? null).toBeNull();
    expect(JSON.stringify(response)).not.toContain('VictimConnection');
  });

  it('refuses __type introspection too', async () => {
    const response = await askProduction(await coordinatorToken(), typeQuery);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.data ?? null).toBeNull();
    expect(JSON.stringify(response)).not.toContain('supportPath');
  });

  it('answers a misspelt field without a "Did you mean" suggestion, where local mode suggests one', async () => {
    const misspelt = '{ victms(first: 1) { totalCount } }';
    const local = await post(
      testHub().gatewayUrl,
      { query: misspelt },
      { authorization: `Bearer ${await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR })}`, 'x-purpose': Purpose.CASE_COORDINATION },
    );
    expect(codes(local)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(local.errors?.[0]?.message).toMatch(/Did you mean "victims"/);

    // An operation that does not validate cannot be registered, so production refuses it before validation.
    const production = await askProduction(await coordinatorToken(), misspelt);
    expect(codes(production)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
    expect(production.errors?.[0]?.message).not.toMatch(/did you mean/i);
    expect(JSON.stringify(production)).not.toContain('"victims"');
  });
});

describe('the gateway in production mode: local-only routes', () => {
  it('does not serve the embedded issuer\'s JWKS at /.well-known/jwks.json (404)', async () => {
    // The control: the local-mode gateway serves it.
    const localBase = testHub().gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${localBase}/.well-known/jwks.json`)).status).toBe(200);
    const response = await fetch(`${base()}/.well-known/jwks.json`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('issues no console tokens at POST /console/token (404)', async () => {
    const body = JSON.stringify({ agency: Agency.COORDINATION, role: Role.COORDINATOR });
    const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const localBase = testHub().gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${localBase}/console/token`, request)).status).toBe(200);
    const response = await fetch(`${base()}/console/token`, request);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/"token"/);
  });
});
