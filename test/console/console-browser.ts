import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { Client } from 'pg';
import { chromiumExecutable } from '../support/browser-executable';
import { postgresUrl, testHub } from '../support/hub-info';

/** Screenshots of every step (gitignored). */
export const ARTIFACTS = join(__dirname, '../../test-artifacts/console');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  if (!existsSync(executablePath)) throw new Error(`CHROMIUM_PATH=${executablePath} does not exist`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const gatewayOrigin = (): string => new URL(testHub().gatewayUrl).origin;

/** A console tab in a fresh browser context (its own sessionStorage), recording every request it makes. */
export interface ConsoleTab {
  page: Page;
  /** URL of every request the page made. */
  requests: string[];
  /** Uncaught script errors and Content-Security-Policy violations. */
  problems: string[];
}

export async function openConsole(browser: Browser): Promise<ConsoleTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const tab: ConsoleTab = { page, requests: [], problems: [] };
  page.on('request', (request) => tab.requests.push(request.url()));
  page.on('pageerror', (error) => tab.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) tab.problems.push(`CSP: ${message.text()}`);
  });
  await page.goto(`${gatewayOrigin()}/console/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  return tab;
}

export interface ConsoleIdentity {
  agency: string;
  role: string;
  sub: string;
  purpose: string;
}

/** Signs in on the local form, through its labelled controls. */
export async function signIn(page: Page, who: ConsoleIdentity): Promise<void> {
  await page.getByLabel('Agency').selectOption(who.agency);
  await page.getByLabel('Role').selectOption(who.role);
  await page.getByLabel('Staff id').fill(who.sub);
  await page.getByLabel('Purpose of use', { exact: true }).selectOption(who.purpose);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#whoami', { hasText: who.sub }).waitFor();
}

/** The purpose of use in the header; every later request states it. */
export async function choosePurpose(page: Page, purpose: string): Promise<void> {
  await page.getByLabel('Purpose of use', { exact: true }).selectOption(purpose);
}

/** Waits until the element `selector` has finished loading (its data-state is done or error). */
export async function settled(page: Page, selector: string): Promise<void> {
  await page.locator(`${selector}[data-state="done"], ${selector}[data-state="error"]`).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Form controls on the page without a label (by <label for>, wrapping label or aria-label). */
type FormControl = { labels: { length: number } | null; type: string; id: string; outerHTML: string; getAttribute(name: string): string | null };
export const unlabelledControls = (page: Page): Promise<string[]> =>
  page.$$eval('input, select, textarea', (elements) =>
    (elements as unknown as FormControl[])
      .filter((c) => c.type !== 'hidden' && (c.labels?.length ?? 0) === 0 && !c.getAttribute('aria-label'))
      .map((c) => c.id || c.outerHTML.slice(0, 60)),
  );

/** Every alias in the registry (the demo caseload and whatever other tests identified). */
export async function aliasesInRegistry(): Promise<string[]> {
  const client = new Client({ connectionString: postgresUrl('hub_coordination') });
  await client.connect();
  try {
    const { rows } = await client.query<{ alias: string }>('SELECT alias FROM victim');
    return rows.map((r) => r.alias);
  } finally {
    await client.end();
  }
}

/** The widths the console must work at: a common laptop screen and a common phone. */
export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * A fresh console tab at one of the VIEWPORTS, on the sign-in page. `bypassCSP` only so that a test can inject
 * axe-core; the console's own code never needs it (console.test.ts checks the policy).
 */
export async function openAt(browser: Browser, viewport: ViewportName, { bypassCSP = false } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], bypassCSP, isMobile: viewport === 'phone', hasTouch: viewport === 'phone' });
  const page = await context.newPage();
  await page.goto(`${gatewayOrigin()}/console/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  return page;
}

/** Opens a view by its route and waits until nothing on it is loading any more. */
export async function visit(page: Page, route: string): Promise<void> {
  await page.goto(`${gatewayOrigin()}/console/#/${route}`);
  await page.waitForLoadState('networkidle');
  await page.locator(`[data-view="${route.split('/')[0]}"]`).first().waitFor();
  await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('[aria-busy="true"], [data-state="loading"], [data-state="saving"]'), null, { timeout: 15_000 });
}
