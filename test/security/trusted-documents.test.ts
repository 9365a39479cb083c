/**
 * Trusted documents and persisted queries (README, "Trusted documents"). A production gateway runs only the
 * operations of `gateway/trusted-documents/manifest.json`, named by `documentId` or sent as their text; the local
 * gateway runs any text. Automatic persisted queries work end to end in both, with coded answers.
 */
import { logIntegrated } from '../audit/audit-support';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildTrustedDocumentsManifest,
  manifestPath,
  renderTrustedDocumentsManifest,
} from '@hub/gateway/src/trusted-documents/trusted-documents-manifest';
import { Agency, Purpose, Role } from '@hub/shared';
import { type GraphQLResponse, codes, post, queryAs, tokenFor } from '../support/client';
import { testHub } from '../support/hub-info';
import { type OpenIdProvider, machineClient, startOpenIdProvider } from '../support/openid-provider/openid-provider';
import { type ProductionGateway, startProductionGateway } from '../support/production-gateway';

const AUDIENCE = 'urn:support-path-hub:trusted-documents-test';
const SECRET = 'a-client-secret-of-the-trusted-documents-test';
const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [] };
const auditor = { agency: Agency.AUDIT, role: Role.AUDITOR, purpose: Purpose.AUDIT };

/** The console's caseload operation, as registered (its id written by hand from the rule: sha256 of the body). */
const caseload = buildTrustedDocumentsManifest().operations.find((o) => o.name === 'Caseload')!;
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
/** The same operation as the console's source writes it: other whitespace, same document. */
const caseloadAsWritten = caseload.body.replace(/\s+/g, ' ');
const unregistered = 'query NotRegistered { victims(first: 1) { totalCount } }';

let oidc: OpenIdProvider;
let gateway: ProductionGateway | undefined;

beforeAll(async () => {
  oidc = await startOpenIdProvider({ audience: AUDIENCE, clients: [machineClient('coordination-system', SECRET)], clientClaims: { 'coordination-system': coordinator } });
  gateway = await startProductionGateway({ OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: AUDIENCE }, 'gateway-trusted-documents');
});

afterAll(async () => {
  await gateway?.stop();
  await oidc?.stop();
});

type Caseload = { victims: { totalCount: number } };

async function production<T = Caseload>(body: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return post<T>(gateway!.url, body, { authorization: `Bearer ${await oidc.clientCredentialsToken('coordination-system', SECRET)}`, 'x-purpose': Purpose.CASE_COORDINATION });
}

async function local<T = Caseload>(body: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const token = await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR });
  return post<T>(testHub().gatewayUrl, body, { authorization: `Bearer ${token}`, 'x-purpose': Purpose.CASE_COORDINATION });
}

const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** The gateway's operation record of one request, as audit staff read it. */
async function operationRecord(requestId: string): Promise<{ outcome: string } | undefined> {
  await logIntegrated(); // the API lists records once the sequencer has integrated them
  const response = await queryAs<{ accessLog: { edges: { node: { outcome: string } }[] } }>(
    auditor,
    'query ($filter: AccessLogFilter) { accessLog(filter: $filter, first: 5) { edges { node { outcome } } } }',
    { filter: { requestId, kind: 'OPERATION' } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.accessLog.edges[0]?.node;
}

describe('the manifest', () => {
  it('is committed and matches gateway/trusted-documents/*.graphql (otherwise: npm run trusted-documents)', () => {
    expect(readFileSync(manifestPath, 'utf8')).toBe(renderTrustedDocumentsManifest(buildTrustedDocumentsManifest()));
  });

  it('identifies each operation by the sha256 of its body', () => {
    for (const operation of buildTrustedDocumentsManifest().operations) expect(operation.id).toBe(sha256(operation.body));
  });

  it('refuses to register an operation that does not fit the supergraph, or one without a name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-trusted-documents-'));
    try {
      writeFileSync(join(dir, 'police.graphql'), 'query Misspelt { victms(first: 1) { totalCount } }');
      expect(() => buildTrustedDocumentsManifest(dir)).toThrow(/police\.graphql: Misspelt does not fit the supergraph/);
      writeFileSync(join(dir, 'police.graphql'), '{ victims(first: 1) { totalCount } }');
      expect(() => buildTrustedDocumentsManifest(dir)).toThrow(/police\.graphql: every registered operation needs a name/);
      writeFileSync(join(dir, 'police.graphql'), 'query Open { victims(first: 1) { ...Count } }\nfragment Count on VictimConnection { totalCount }');
      const [operation] = buildTrustedDocumentsManifest(dir).operations;
      expect(operation).toMatchObject({ name: 'Open', type: 'query', client: 'police' });
      expect(operation!.body).toContain('fragment Count on VictimConnection');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a production gateway runs only trusted documents', () => {
  it('runs a registered operation named by its documentId', async () => {
    const response = await production({ documentId: `sha256:${caseload.id}`, variables: { first: 1 } });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.victims.totalCount).toBeGreaterThan(0);
  });

  it('runs a registered operation sent as text, however it is formatted', async () => {
    const response = await production({ query: caseloadAsWritten, variables: { first: 1 } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.victims.totalCount).toBeGreaterThan(0);
  });

  it('refuses any other text with TRUSTED_DOCUMENT_REQUIRED, no data, and records the refusal', async () => {
    const response = await production({ query: unregistered });
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
    expect(response.data ?? null).toBeNull();
    expect((await operationRecord(response.requestId!))?.outcome).toBe('ERRORS:TRUSTED_DOCUMENT_REQUIRED');
  });

  it('answers an unknown documentId with PERSISTED_QUERY_NOT_FOUND', async () => {
    const response = await production({ documentId: `sha256:${sha256(unregistered)}` });
    expect(codes(response)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(response.data ?? null).toBeNull();
  });

  it('lets an APQ client register a trusted operation and then send its hash only', async () => {
    const hash = sha256(caseloadAsWritten);
    expect(codes(await production({ extensions: apq(hash), variables: { first: 1 } }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const registered = await production({ query: caseloadAsWritten, extensions: apq(hash), variables: { first: 1 } });
    expect(registered.errors).toBeUndefined();
    const byHash = await production({ extensions: apq(hash), variables: { first: 1 } });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data?.victims.totalCount).toBe(registered.data?.victims.totalCount);
  });

  it('does not let APQ register an operation outside the manifest', async () => {
    const hash = sha256(unregistered);
    const registering = await production({ query: unregistered, extensions: apq(hash) });
    expect(codes(registering)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
    expect(codes(await production({ extensions: apq(hash) }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('the local gateway stays open for exploration', () => {
  it('runs any text', async () => {
    const response = await local({ query: unregistered });
    expect(response.errors).toBeUndefined();
    expect(response.data?.victims.totalCount).toBeGreaterThan(0);
  });

  it('runs a registered operation by documentId too', async () => {
    const response = await local({ documentId: `sha256:${caseload.id}`, variables: { first: 1 } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.victims.totalCount).toBeGreaterThan(0);
  });

  it('runs automatic persisted queries end to end: a coded miss, registration, then the hash alone', async () => {
    const query = `query Explore { victims(first: 2) { totalCount } } # ${Date.now()}`;
    const hash = sha256(query);
    const miss = await local({ extensions: apq(hash) });
    expect(miss.status).toBe(200);
    expect(codes(miss)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(miss.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    const registered = await local({ query, extensions: apq(hash) });
    expect(registered.errors).toBeUndefined();
    const hit = await local({ extensions: apq(hash) });
    expect(hit.errors).toBeUndefined();
    expect(hit.data?.victims.totalCount).toBe(registered.data?.victims.totalCount);
  });

  it('refuses a hash that does not match its text with BAD_USER_INPUT, running nothing', async () => {
    const response = await local({ query: unregistered, extensions: apq(sha256('something else')) });
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.data ?? null).toBeNull();
  });
});
