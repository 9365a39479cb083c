/**
 * Accessibility of every view of the console, checked with axe-core (WCAG 2.1 A and AA rules) in headless
 * Chromium: no serious or critical violation on the sign-in page or on any view a role opens.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { Agency, Purpose, Role } from '@hub/shared';
import { ARTIFACTS, type ConsoleIdentity, gatewayOrigin, launchBrowser, signIn } from './console-browser';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** axe-core's serious and critical findings on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** A fresh console tab (the CSP is bypassed only so that the test can inject axe-core). */
async function open(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${gatewayOrigin()}/console/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  return page;
}

async function visit(page: Page, route: string): Promise<void> {
  await page.goto(`${gatewayOrigin()}/console/#/${route}`);
  await page.waitForLoadState('networkidle');
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

const coordinator: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: 'a11y-coordinator', purpose: Purpose.CASE_COORDINATION };
const auditor: ConsoleIdentity = { agency: Agency.AUDIT, role: Role.AUDITOR, sub: 'a11y-auditor', purpose: Purpose.AUDIT };
const analyst: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.ANALYST, sub: 'a11y-analyst', purpose: Purpose.STATISTICS };

describe('accessibility of the console (axe-core, WCAG 2.1 AA)', () => {
  it('has no serious violation on the sign-in page', async () => {
    expect(await seriousViolations(await open())).toEqual([]);
  });

  it('has no serious violation on the coordinator’s views', async () => {
    const page = await open();
    await signIn(page, coordinator);
    const found: string[] = [];
    await visit(page, 'caseload');
    const victimId = await page.locator('#caseload-table a[data-victim-id]').first().getAttribute('data-victim-id');
    for (const route of ['caseload', `victim/${victimId}`, 'shelters', `history/${victimId}`]) {
      await visit(page, route);
      found.push(...(await seriousViolations(page)).map((v) => `${route}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it('has no serious violation on the analyst’s dashboard', async () => {
    const page = await open();
    await signIn(page, analyst);
    await visit(page, 'dashboard');
    await page.locator('#stats-results[data-state="done"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('has no serious violation on the audit views', async () => {
    const page = await open();
    await signIn(page, auditor);
    const found: string[] = [];
    for (const route of ['audit-log', 'audit-queue', 'audit-chain']) {
      await visit(page, route);
      found.push(...(await seriousViolations(page)).map((v) => `${route}: ${v}`));
    }
    expect(found).toEqual([]);
  });
});

describe('a view opened under a purpose that does not fit it', () => {
  it('shows one clear message on the dashboard instead of a refusal per source', async () => {
    const page = await open();
    await signIn(page, coordinator);
    await visit(page, 'dashboard');
    await page.locator('#stats-results[data-state="done"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-wrong-purpose.png` });
    await expect(page.locator('#stats-results .error').count()).resolves.toBe(0);
    await expect(page.locator('#stats-results [data-refused="all"]').textContent()).resolves.toContain(
      'No national numbers may be read under the purpose Case coordination',
    );
    // The view's own hint offers the purpose that fits; choosing it shows the numbers.
    await page.getByRole('button', { name: 'Use purpose Statistics' }).click();
    await page.locator('#stats-results[data-state="done"] [data-stat="caseload.identified"]').waitFor();
    await expect(page.locator('#stats-results [data-refused="all"]').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
