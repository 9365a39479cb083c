/**
 * The console's sign-in with an OIDC issuer configured: the authorization-code flow with PKCE (S256), in
 * headless Chromium, against a second gateway in production mode (test/support/production-gateway.ts) and a
 * stand-in authorization server (test/support/oidc-authorization-server.ts) that auto-approves a coordinator.
 */
import type { Browser, Page } from 'playwright-core';
import { buildTrustedDocumentsManifest } from '@hub/gateway/src/trusted-documents/trusted-documents-manifest';
import { Agency, Purpose, Role } from '@hub/shared';
import { codes, post } from '../support/client';
import { type TestAuthorizationServer, s256, startTestAuthorizationServer } from '../support/oidc-authorization-server';
import { type ProductionGateway, startProductionGateway } from '../support/production-gateway';
import { type ConsoleTab, aliasesInRegistry, launchBrowser, screenshot, settled } from './console-browser';

const ISSUER = 'https://idp.console-sign-in.test/realms/hub';
const AUDIENCE = 'support-path-hub-console';
const CLIENT_ID = 'support-path-hub-console';
const coordinator = { sub: 'coordinator.console-oidc', agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [] };
const STATE_MISMATCH = 'The sign-in answer does not match the sign-in started here (state mismatch).';

let auth: TestAuthorizationServer;
let gateway: ProductionGateway;
let browser: Browser;
const tabs: ConsoleTab[] = [];
const redirectUri = (): string => `${gateway.origin}/console/`;

beforeAll(async () => {
  auth = await startTestAuthorizationServer({ issuer: ISSUER, audience: AUDIENCE, identity: coordinator });
  gateway = await startProductionGateway(
    {
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: auth.jwksUrl,
      OIDC_AUTHORIZATION_ENDPOINT: auth.authorizationEndpoint,
      OIDC_TOKEN_ENDPOINT: auth.tokenEndpoint,
      OIDC_CLIENT_ID: CLIENT_ID,
    },
    'gateway-production-console',
  );
  auth.registerClient({ clientId: CLIENT_ID, redirectUri: redirectUri() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await auth?.stop();
});

/** The production gateway's console in a fresh browser context, recording every request it makes. */
async function openOidcConsole(): Promise<ConsoleTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const tab: ConsoleTab = { page, requests: [], problems: [] };
  tabs.push(tab);
  page.on('request', (request) => tab.requests.push(request.url()));
  page.on('pageerror', (error) => tab.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) tab.problems.push(`CSP: ${message.text()}`);
  });
  await page.goto(`${gateway.origin}/console/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  return tab;
}

/** Chooses the purpose and presses the button that sends the browser to the authorization server. */
async function startSignIn(page: Page): Promise<void> {
  await page.getByLabel('Purpose of use', { exact: true }).selectOption(Purpose.CASE_COORDINATION);
  await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
}

/** What the console keeps in sessionStorage: the token, the purpose and the pending PKCE round trip. */
type Storage = { getItem: (key: string) => string | null };
const stored = (page: Page) =>
  page.evaluate(() => {
    const { sessionStorage } = globalThis as unknown as { sessionStorage: Storage };
    return {
      token: sessionStorage.getItem('hub.console.token'),
      purpose: sessionStorage.getItem('hub.console.purpose'),
      pending: sessionStorage.getItem('hub.console.oidc'),
    };
  });

/**
 * The caseload's total for the coordinator, from the production gateway's API with a token of the same issuer,
 * through the console's own registered operation (a production gateway runs trusted documents only).
 */
async function apiTotalCount(): Promise<number> {
  const caseload = buildTrustedDocumentsManifest().operations.find((o) => o.name === 'Caseload')!;
  const response = await post<{ victims: { totalCount: number } }>(
    gateway.url,
    { documentId: `sha256:${caseload.id}`, variables: { first: 1 } },
    { authorization: `Bearer ${await auth.sign(coordinator)}`, 'x-purpose': Purpose.CASE_COORDINATION },
  );
  expect(codes(response)).toEqual([]);
  return response.data!.victims.totalCount;
}

describe('signing in with the organisation’s identity provider (authorization code + PKCE)', () => {
  let tab: ConsoleTab;
  const graphqlHeaders: Record<string, string>[] = [];
  beforeAll(async () => {
    tab = await openOidcConsole();
    tab.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') graphqlHeaders.push(request.headers());
    });
    await expect(tab.page.getByText('You will be sent to your organisation’s sign-in page').count()).resolves.toBe(1);
    await screenshot(tab.page, 'oidc-01-sign-in');
    await startSignIn(tab.page);
    await tab.page.locator('#whoami', { hasText: coordinator.sub }).waitFor();
  });

  it('comes back signed in as the coordinator under the chosen purpose, with the code and state gone from the address', async () => {
    const { page } = tab;
    await expect(page.locator('#session .who').textContent()).resolves.toContain('Coordinator · Coordination · national');
    await page.waitForURL(`${gateway.origin}/console/#/caseload`);
    const issued = auth.tokenRequests.filter((r) => r.outcome === 'issued');
    expect(issued).toHaveLength(1);
    expect(await stored(page)).toEqual({ token: issued[0]!.accessToken, purpose: Purpose.CASE_COORDINATION, pending: null });
    expect(tab.problems).toEqual([]);
  });

  it('sent an S256 challenge for the registered client, and the token endpoint a code_verifier that hashes to it', async () => {
    expect(auth.authorizations).toHaveLength(1);
    const { params, outcome, code } = auth.authorizations[0]!;
    expect(outcome).toBe('code');
    expect(params).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: redirectUri(),
      scope: 'openid',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    // The browser came back to the registered address with the server's code and its own state.
    const back = new URL(redirectUri());
    back.search = new URLSearchParams({ code: code!, state: params.state! }).toString();
    expect(tab.requests).toContain(back.toString());

    expect(auth.tokenRequests).toHaveLength(1);
    const exchange = auth.tokenRequests[0]!;
    expect(exchange.origin).toBe(gateway.origin);
    expect(exchange.params).toEqual({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: CLIENT_ID,
      code_verifier: expect.stringMatching(/^[A-Za-z0-9\-._~]{43,128}$/),
    });
    expect(exchange.params.code_verifier).not.toBe(params.code_challenge);
    expect(s256(exchange.params.code_verifier!)).toBe(params.code_challenge);
    expect(exchange.verifierMatchesChallenge).toBe(true);
    expect(exchange.outcome).toBe('issued');
  });

  it('loads the caseload with real data through the production gateway, counting what its API counts for the coordinator', async () => {
    const { page } = tab;
    await settled(page, '#caseload-results');
    // Other test files may identify victims meanwhile: the count shown lies between two API answers around a reload.
    const before = await apiTotalCount();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await settled(page, '#caseload-results');
    const after = await apiTotalCount();
    await screenshot(page, 'oidc-02-caseload');
    await expect(page.locator('#caseload-results').getAttribute('data-state')).resolves.toBe('done');
    const shown = Number(/(\d+) victims match/.exec((await page.locator('#caseload-page').textContent()) ?? '')?.[1]);
    expect(before).toBeGreaterThan(20);
    expect(shown).toBeGreaterThanOrEqual(before);
    expect(shown).toBeLessThanOrEqual(after);
    const aliases = await page.locator('#caseload-table a[data-victim-id]').allTextContents();
    expect(aliases).toHaveLength(20);
    const registry = new Set(await aliasesInRegistry());
    expect(aliases.filter((alias) => !registry.has(alias))).toEqual([]);
    // Every GraphQL request carried the token the authorization server issued, and the chosen purpose.
    expect(graphqlHeaders.length).toBeGreaterThanOrEqual(2);
    for (const headers of graphqlHeaders) {
      expect(headers.authorization).toBe(`Bearer ${auth.tokenRequests[0]!.accessToken}`);
      expect(headers['x-purpose']).toBe(Purpose.CASE_COORDINATION);
    }
  });
});

describe('a sign-in answer whose state was tampered with on the way back', () => {
  let tab: ConsoleTab;
  beforeAll(async () => (tab = await openOidcConsole()));

  it('is refused by the console with a clear message: no code exchanged, no token stored, no data asked for', async () => {
    const { page } = tab;
    const exchangesBefore = auth.tokenRequests.length;
    auth.tamperNextState();
    await startSignIn(page);
    await page.locator('.notice', { hasText: 'state mismatch' }).waitFor();
    await screenshot(page, 'oidc-03-state-mismatch');
    await expect(page.locator('.notice').textContent()).resolves.toBe(STATE_MISMATCH);
    await expect(page.getByRole('heading', { name: 'Sign in' }).count()).resolves.toBe(1);
    // The server did answer with a code; only the console's state check kept it from being used.
    const answered = auth.authorizations.at(-1)!;
    expect(answered.outcome).toBe('code');
    expect(tab.requests.some((url) => url.includes(`code=${answered.code}`) && url.includes('-tampered'))).toBe(true);
    expect(auth.tokenRequests).toHaveLength(exchangesBefore);
    expect(await stored(page)).toEqual({ token: null, purpose: null, pending: null });
    await expect(page.locator('#whoami').count()).resolves.toBe(0);
    expect(page.url()).not.toContain('code=');
    expect(tab.requests.filter((url) => new URL(url).pathname === '/graphql')).toEqual([]);
    expect(tab.problems).toEqual([]);
  });

  it('lets the user start again from the refusal and sign in', async () => {
    const { page } = tab;
    await startSignIn(page);
    await page.locator('#whoami', { hasText: coordinator.sub }).waitFor();
    await settled(page, '#caseload-results');
    await expect(page.locator('#caseload-results').getAttribute('data-state')).resolves.toBe('done');
    expect((await stored(page)).token).toBe(auth.tokenRequests.at(-1)!.accessToken);
    expect(auth.tokenRequests.at(-1)!.verifierMatchesChallenge).toBe(true);
  });
});

describe('what the stand-in authorization server checks', () => {
  it('refuses a code exchanged with a code_verifier that does not hash to its challenge (invalid_grant)', async () => {
    const exchange = async (verifier: string, challengedWith: string) => {
      const url = new URL(auth.authorizationEndpoint);
      url.search = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(), state: 'check', code_challenge: s256(challengedWith), code_challenge_method: 'S256' }).toString();
      const redirect = await fetch(url, { redirect: 'manual' });
      const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
      const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: CLIENT_ID, code_verifier: verifier });
      const response = await fetch(auth.tokenEndpoint, { method: 'POST', body });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const verifier = 'a-verifier-of-at-least-forty-three-characters-1234';
    expect(await exchange(`${verifier}x`, verifier)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const good = await exchange(verifier, verifier);
    expect(good.status).toBe(200);
    expect(typeof good.body.access_token).toBe('string');
  });
});

describe('the console’s network use during OIDC sign-in', () => {
  it('made no request to any origin but the production gateway and the authorization server', () => {
    const origins = new Set(tabs.flatMap((tab) => tab.requests).filter((url) => !url.startsWith('data:')).map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([gateway.origin, auth.origin].sort());
  });
});
