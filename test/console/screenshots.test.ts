/**
 * Screenshots of the console's main views, taken in headless Chromium against the test hub's demo caseload.
 * `npm run screenshots` writes them to docs/screenshots/ (shown in the README); otherwise they go to the
 * gitignored test-artifacts/. Each one is taken only once its view has finished loading without an error.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Agency, Purpose, Role } from '@hub/shared';
import { ARTIFACTS, type ConsoleIdentity, VIEWPORTS, type ViewportName, launchBrowser, openAt, signIn, visit } from './console-browser';

const dir = process.env.SCREENSHOT_DIR ?? join(ARTIFACTS, 'screenshots');
const coordinator: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: 'coordinator-1', purpose: Purpose.CASE_COORDINATION };
const analyst: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.ANALYST, sub: 'analyst-1', purpose: Purpose.STATISTICS };
const auditor: ConsoleIdentity = { agency: Agency.AUDIT, role: Role.AUDITOR, sub: 'auditor-1', purpose: Purpose.AUDIT };

let browser: Browser;
const problems: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(dir, { recursive: true });
});
afterAll(async () => browser?.close());

async function tab(viewport: ViewportName): Promise<Page> {
  const page = await openAt(browser, viewport);
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}

/** Saves what the viewport shows and checks the file is a PNG of the viewport's size. */
async function shoot(page: Page, name: string, viewport: ViewportName): Promise<void> {
  await expect(page.locator('main .error').count()).resolves.toBe(0);
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // IHDR: width and height at bytes 16 and 20 (device scale factor 1).
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORTS[viewport].width, VIEWPORTS[viewport].height]);
}

it('sign-in', async () => {
  await shoot(await tab('desktop'), 'sign-in', 'desktop');
});

it('dashboard, desktop and phone', async () => {
  const lastYear = String(new Date().getUTCFullYear() - 1);
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await tab(viewport);
    await signIn(page, analyst);
    await visit(page, 'dashboard');
    await page.getByLabel('Period', { exact: true }).selectOption(lastYear);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator(`#stats-results[data-state="done"][data-period-from^="${lastYear}"]`).waitFor();
    if (viewport === 'desktop') await page.locator('[data-breakdown="caseload.byNationality"]').scrollIntoViewIfNeeded();
    else await page.locator('[data-breakdown="caseload.byExploitationForm"]').scrollIntoViewIfNeeded();
    await shoot(page, `dashboard-${viewport}`, viewport);
  }
});

it('caseload and a support path with its actions', async () => {
  const page = await tab('desktop');
  await signIn(page, coordinator);
  await visit(page, 'caseload');
  await shoot(page, 'caseload', 'desktop');
  const victimId = await page.locator('#caseload-table a[data-victim-id]').first().getAttribute('data-victim-id');
  await visit(page, `victim/${victimId}`);
  await shoot(page, 'support-path', 'desktop');
  await page.locator('[data-action="grantConsent"]').scrollIntoViewIfNeeded();
  await shoot(page, 'consent-form', 'desktop');
});

it('a view opened under a purpose that does not fit it', async () => {
  const page = await tab('desktop');
  await signIn(page, coordinator);
  await visit(page, 'dashboard');
  await expect(page.locator('.purpose-mismatch').count()).resolves.toBe(1);
  await shoot(page, 'purpose-mismatch', 'desktop');
});

it('access log, desktop and phone', async () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await tab(viewport);
    await signIn(page, auditor);
    await visit(page, 'audit-log');
    await page.locator('#log-results[data-state="done"] #log-table').waitFor();
    await page.locator('#log-results').scrollIntoViewIfNeeded();
    await shoot(page, `access-log-${viewport}`, viewport);
  }
  expect(problems).toEqual([]);
});
