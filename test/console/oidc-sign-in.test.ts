/**
 * The console's sign-in with an OIDC issuer configured, in headless Chromium, against a second gateway in
 * production mode (test/support/production-gateway.ts) and a real OpenID Provider (the certified `oidc-provider`
 * package, test/support/openid-provider/): the gateway discovers the provider's endpoints, the console signs in
 * with the authorization-code flow and PKCE (S256), refreshes an expired token, and signs out of the provider too.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { buildTrustedDocumentsManifest } from '@hub/gateway/src/trusted-documents/trusted-documents-manifest';
import { createHash } from 'node:crypto';
import { Agency, Purpose, Role } from '@hub/shared';
import { codes, post } from '../support/client';
import { type OpenIdProvider, machineClient, startOpenIdProvider } from '../support/openid-provider/openid-provider';
import { type ProductionGateway, startProductionGateway } from '../support/production-gateway';
import { type ConsoleTab, aliasesInRegistry, launchBrowser, screenshot, settled } from './console-browser';

const AUDIENCE = 'urn:support-path-hub:console-test';
const CLIENT_ID = 'support-path-hub-console';
const SECRET = 'a-client-secret-of-the-console-test';
const STAFF_ID = 'coordinator.console-oidc';
const coordinatorClaims = { agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [] };
const STATE_MISMATCH = 'The sign-in answer does not match the sign-in started here (state mismatch).';
const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

let provider: OpenIdProvider;
let endpoints: Record<string, string>;
let gateway: ProductionGateway;
let browser: Browser;
const tabs: (ConsoleTab & { fromConsole: string[] })[] = [];
const redirectUri = (): string => `${gateway.origin}/console/`;
/** The provider's redirect back to the console, with a code (or an error) and the state. */
const callback = (): RegExp => new RegExp(`^${redirectUri().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?`);

beforeAll(async () => {
  provider = await startOpenIdProvider({ audience: AUDIENCE, accounts: { [STAFF_ID]: coordinatorClaims } });
  endpoints = await provider.metadata();
  // Only the issuer and the client: the gateway discovers the JWKS and the console's endpoints.
  gateway = await startProductionGateway({ OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_CLIENT_ID: CLIENT_ID }, 'gateway-production-console');
  await provider.configure({
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [redirectUri()],
        post_logout_redirect_uris: [redirectUri()],
      },
      machineClient('coordination-system', SECRET),
    ],
    clientClaims: { 'coordination-system': coordinatorClaims },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await provider?.stop();
});

/** The production gateway's console in a fresh browser context, recording every request it makes. */
async function openOidcConsole(): Promise<ConsoleTab & { sent: Request[]; fromConsole: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const tab = { page, requests: [] as string[], problems: [] as string[], sent: [] as Request[], fromConsole: [] as string[] };
  tabs.push(tab);
  page.on('request', (request) => {
    tab.requests.push(request.url());
    tab.sent.push(request);
    // What the console's own pages ask for (the provider's login page loads what it likes).
    if (new URL(page.url()).origin !== provider.issuer) tab.fromConsole.push(request.url());
  });
  page.on('pageerror', (error) => tab.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) tab.problems.push(`CSP: ${message.text()}`);
  });
  await page.goto(`${gateway.origin}/console/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  return tab;
}

/** Chooses the purpose and presses the button that sends the browser to the provider. */
async function startSignIn(page: Page): Promise<void> {
  await page.getByLabel('Purpose of use', { exact: true }).selectOption(Purpose.CASE_COORDINATION);
  await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
}

/** Signs in on the provider's own login page (oidc-provider's interactions), as the staff member. */
async function logInAtProvider(page: Page): Promise<void> {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(STAFF_ID);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

type Storage = { getItem: (key: string) => string | null };
/** What the console keeps in sessionStorage. */
const stored = (page: Page) =>
  page.evaluate(() => {
    const { sessionStorage } = globalThis as unknown as { sessionStorage: Storage };
    return {
      token: sessionStorage.getItem('hub.console.token'),
      refreshToken: sessionStorage.getItem('hub.console.refresh-token'),
      idToken: sessionStorage.getItem('hub.console.id-token'),
      purpose: sessionStorage.getItem('hub.console.purpose'),
      pending: sessionStorage.getItem('hub.console.oidc'),
    };
  });

/** The form posts the console made to the provider's token endpoint. */
const tokenRequests = (tab: { sent: Request[] }) =>
  tab.sent.filter((r) => r.url() === endpoints.token_endpoint && r.method() === 'POST').map((r) => Object.fromEntries(new URLSearchParams(r.postData() ?? '')));

/** The caseload's total from the production gateway, through the console's own registered operation. */
async function apiTotalCount(): Promise<number> {
  const caseload = buildTrustedDocumentsManifest().operations.find((o) => o.name === 'Caseload')!;
  const response = await post<{ victims: { totalCount: number } }>(
    gateway.url,
    { documentId: `sha256:${caseload.id}`, variables: { first: 1 } },
    { authorization: `Bearer ${await provider.clientCredentialsToken('coordination-system', SECRET)}`, 'x-purpose': Purpose.CASE_COORDINATION },
  );
  expect(codes(response)).toEqual([]);
  return response.data!.victims.totalCount;
}

describe('signing in with the organisation’s identity provider (authorization code + PKCE)', () => {
  let tab: Awaited<ReturnType<typeof openOidcConsole>>;
  beforeAll(async () => {
    tab = await openOidcConsole();
    await expect(tab.page.getByText('You will be sent to your organisation’s sign-in page').count()).resolves.toBe(1);
    await screenshot(tab.page, 'oidc-01-sign-in');
    await startSignIn(tab.page);
    await logInAtProvider(tab.page);
    await tab.page.locator('#whoami', { hasText: STAFF_ID }).waitFor();
  });

  it('sent the browser to the discovered authorization endpoint with an S256 challenge for the registered client', () => {
    const authorization = new URL(tab.requests.find((url) => url.startsWith(`${endpoints.authorization_endpoint}?`))!);
    expect(Object.fromEntries(authorization.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: redirectUri(),
      scope: 'openid',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    const [exchange] = tokenRequests(tab);
    expect(exchange).toEqual({
      grant_type: 'authorization_code',
      code: expect.any(String),
      redirect_uri: redirectUri(),
      client_id: CLIENT_ID,
      code_verifier: expect.stringMatching(/^[A-Za-z0-9\-._~]{43,128}$/),
    });
    expect(s256(exchange!.code_verifier!)).toBe(authorization.searchParams.get('code_challenge'));
  });

  it('comes back signed in as the coordinator under the chosen purpose, with the code and state gone from the address', async () => {
    const { page } = tab;
    await expect(page.locator('#session .who').textContent()).resolves.toContain('Coordinator · Coordination · national');
    await page.waitForURL(`${gateway.origin}/console/#/caseload`);
    const kept = await stored(page);
    expect(kept).toMatchObject({ purpose: Purpose.CASE_COORDINATION, pending: null });
    for (const token of [kept.token, kept.refreshToken, kept.idToken]) expect(typeof token).toBe('string');
    expect(tab.problems).toEqual([]);
  });

  it('loads the caseload with real data through the production gateway, counting what its API counts for the coordinator', async () => {
    const { page } = tab;
    const graphqlHeaders: Record<string, string>[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') graphqlHeaders.push(request.headers());
    });
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
    const { token } = await stored(page);
    expect(graphqlHeaders.length).toBeGreaterThanOrEqual(1);
    for (const headers of graphqlHeaders) {
      expect(headers.authorization).toBe(`Bearer ${token}`);
      expect(headers['x-purpose']).toBe(Purpose.CASE_COORDINATION);
    }
  });
});

describe('an expired access token', () => {
  let tab: Awaited<ReturnType<typeof openOidcConsole>>;
  beforeAll(async () => {
    await provider.configure({ accessTokenTtl: { [CLIENT_ID]: 4 } });
    tab = await openOidcConsole();
    await startSignIn(tab.page);
    await logInAtProvider(tab.page);
    await settled(tab.page, '#caseload-results');
    await provider.configure({ accessTokenTtl: {} });
  });

  it('is refreshed with the refresh token when the hub refuses it, and the view loads without a new sign-in', async () => {
    const { page } = tab;
    const first = await stored(page);
    // Past its expiry and the gateway's 5 s clock tolerance.
    await page.waitForTimeout(10_500);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await settled(page, '#caseload-results');
    await expect(page.locator('#caseload-results').getAttribute('data-state')).resolves.toBe('done');
    const refreshes = tokenRequests(tab).filter((r) => r.grant_type === 'refresh_token');
    expect(refreshes).toEqual([{ grant_type: 'refresh_token', refresh_token: first.refreshToken, client_id: CLIENT_ID }]);
    const now = await stored(page);
    expect(now.token).not.toBe(first.token);
    await expect(page.getByRole('heading', { name: 'Sign in' }).count()).resolves.toBe(0);
    expect(tab.problems).toEqual([]);
  });
});

describe('signing out', () => {
  let tab: Awaited<ReturnType<typeof openOidcConsole>>;
  beforeAll(async () => {
    tab = await openOidcConsole();
    await startSignIn(tab.page);
    await logInAtProvider(tab.page);
    await settled(tab.page, '#caseload-results');
  });

  it('ends the provider’s session too (RP-initiated logout) and comes back to the console’s sign-in', async () => {
    const { page } = tab;
    const { idToken } = await stored(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    const logout = new URL(page.url());
    expect(`${logout.origin}${logout.pathname}`).toBe(endpoints.end_session_endpoint);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ id_token_hint: idToken, client_id: CLIENT_ID, post_logout_redirect_uri: redirectUri() });
    expect(await stored(page)).toEqual({ token: null, refreshToken: null, idToken: null, purpose: null, pending: null });
    await page.locator('button[name="logout"][value="yes"]').click();
    await page.waitForURL((url) => url.origin === gateway.origin);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The provider forgot the session: signing in again asks for the login again.
    await startSignIn(page);
    await page.waitForURL((url) => url.origin === provider.issuer);
    await expect(page.locator('input[name="login"]').count()).resolves.toBe(1);
    expect(tab.problems).toEqual([]);
  });
});

/**
 * The provider's answer to an authorization request made in `tab`, rewritten by `rewrite` (the provider already
 * knows the browser, so it answers at once with a redirect back to the console).
 */
async function rewriteAuthorizationAnswer(page: Page, rewrite: (callbackUrl: URL) => string): Promise<void> {
  const authorization = new RegExp(`^${endpoints.authorization_endpoint!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?`);
  await page.route(authorization, async (route) => {
    const answer = await route.fetch({ maxRedirects: 0 });
    const location = answer.headers().location;
    if (!location) return route.fulfill({ response: answer });
    return route.fulfill({ status: 303, headers: { location: rewrite(new URL(location, endpoints.authorization_endpoint)) } });
  });
}

/** A console tab in a browser that has signed in at the provider before (in another tab). */
async function tabKnownToProvider(): Promise<Awaited<ReturnType<typeof openOidcConsole>>> {
  const first = await openOidcConsole();
  await startSignIn(first.page);
  await logInAtProvider(first.page);
  await first.page.locator('#whoami', { hasText: STAFF_ID }).waitFor();
  const page = await first.page.context().newPage();
  const tab = { page, requests: [] as string[], problems: [] as string[], sent: [] as Request[], fromConsole: [] as string[] };
  tabs.push(tab);
  page.on('request', (request) => {
    tab.requests.push(request.url());
    tab.sent.push(request);
    if (new URL(page.url()).origin !== provider.issuer) tab.fromConsole.push(request.url());
  });
  page.on('pageerror', (error) => tab.problems.push(`page error: ${error.message}`));
  await page.goto(`${gateway.origin}/console/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  return tab;
}

describe('a sign-in answer whose state was tampered with on the way back', () => {
  let tab: Awaited<ReturnType<typeof openOidcConsole>>;
  beforeAll(async () => (tab = await tabKnownToProvider()));

  it('is refused by the console with a clear message: no code exchanged, no token stored, no data asked for', async () => {
    const { page } = tab;
    await rewriteAuthorizationAnswer(page, (url) => {
      expect(url.href).toMatch(callback());
      url.searchParams.set('state', `${url.searchParams.get('state')}-tampered`);
      return url.toString();
    });
    await startSignIn(page);
    await page.locator('.notice', { hasText: 'state mismatch' }).waitFor();
    await screenshot(page, 'oidc-03-state-mismatch');
    await expect(page.locator('.notice').textContent()).resolves.toBe(STATE_MISMATCH);
    await expect(page.getByRole('heading', { name: 'Sign in' }).count()).resolves.toBe(1);
    expect(tab.requests.some((url) => url.includes('code=') && url.includes('-tampered'))).toBe(true);
    expect(tokenRequests(tab)).toEqual([]);
    expect(await stored(page)).toMatchObject({ token: null, purpose: null, pending: null });
    await expect(page.locator('#whoami').count()).resolves.toBe(0);
    expect(page.url()).not.toContain('code=');
    expect(tab.requests.filter((url) => new URL(url).pathname === '/graphql')).toEqual([]);
    expect(tab.problems).toEqual([]);
    await page.unrouteAll();
  });

  it('lets the user start again from the refusal and sign in (the provider remembers the session)', async () => {
    const { page } = tab;
    await startSignIn(page);
    await page.locator('#whoami', { hasText: STAFF_ID }).waitFor();
    await settled(page, '#caseload-results');
    await expect(page.locator('#caseload-results').getAttribute('data-state')).resolves.toBe('done');
    expect(tokenRequests(tab)).toHaveLength(1);
  });
});

describe('what the provider checks', () => {
  it('refuses a code exchanged with a code_verifier that does not hash to its challenge (invalid_grant)', async () => {
    const tab = await tabKnownToProvider();
    // Keep the console from exchanging the code itself: the redirect back loses its query.
    let code = '';
    await rewriteAuthorizationAnswer(tab.page, (url) => {
      code = url.searchParams.get('code') ?? '';
      return redirectUri();
    });
    await startSignIn(tab.page);
    await tab.page.waitForURL(redirectUri());
    await tab.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(code).not.toBe('');
    const { verifier } = JSON.parse((await stored(tab.page)).pending!) as { verifier: string };
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: CLIENT_ID, code_verifier: `${verifier}x` });
    const response = await fetch(endpoints.token_endpoint!, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

describe('the console’s network use during OIDC sign-in', () => {
  it('made no request to any origin but the production gateway and the provider', () => {
    const origins = new Set(tabs.flatMap((tab) => tab.fromConsole).filter((url) => !url.startsWith('data:')).map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([gateway.origin, provider.issuer].sort());
  });
});
