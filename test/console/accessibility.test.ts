/**
 * Accessibility of every view of the console, checked with axe-core (WCAG 2.1 A and AA rules) in headless
 * Chromium: no serious or critical violation on the sign-in page or on any view a role opens.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { Agency, Purpose, Role } from '@hub/shared';
import { type ConsoleIdentity, VIEWPORTS, type ViewportName, launchBrowser, openAt, signIn, visit } from './console-browser';

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

const coordinator: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: 'a11y-coordinator', purpose: Purpose.CASE_COORDINATION };
const auditor: ConsoleIdentity = { agency: Agency.AUDIT, role: Role.AUDITOR, sub: 'a11y-auditor', purpose: Purpose.AUDIT };
const analyst: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.ANALYST, sub: 'a11y-analyst', purpose: Purpose.STATISTICS };

/** Every route of the console (gateway/console/js/main.js), and who opens it. */
const everyView = ['dashboard', 'report', 'caseload', 'victim', 'shelters', 'history', 'audit-log', 'audit-queue', 'audit-chain'];

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('accessibility of every view at the %s width (axe-core, WCAG 2.1 AA)', (viewport) => {
  const visited: string[] = [];
  afterAll(() => {
    // The tests below opened every route of the console at this width.
    expect(new Set(visited.map((route) => route.split('/')[0]))).toEqual(new Set(everyView));
  });

  async function check(page: Page, routes: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const route of routes) {
      await visit(page, route);
      visited.push(route);
      found.push(...(await seriousViolations(page)).map((v) => `${route}: ${v}`));
    }
    return found;
  }

  it('has no serious violation on the sign-in page', async () => {
    expect(await seriousViolations(await openAt(browser, viewport, { bypassCSP: true }))).toEqual([]);
  });

  it('has no serious violation on the coordinator’s views, the actions on a support path included', async () => {
    const page = await openAt(browser, viewport, { bypassCSP: true });
    await signIn(page, coordinator);
    await visit(page, 'caseload');
    const victimId = await page.locator('#caseload-table a[data-victim-id]').first().getAttribute('data-victim-id');
    expect(await check(page, ['caseload', `victim/${victimId}`, 'shelters', `history/${victimId}`])).toEqual([]);
  });

  it('has no serious violation on the analyst’s dashboard and national report', async () => {
    const page = await openAt(browser, viewport, { bypassCSP: true });
    await signIn(page, analyst);
    expect(await check(page, ['dashboard', 'report'])).toEqual([]);
    await expect(page.locator('#report-frame').count()).resolves.toBe(1);
  });

  it('has no serious violation on the audit views', async () => {
    const page = await openAt(browser, viewport, { bypassCSP: true });
    await signIn(page, auditor);
    expect(await check(page, ['audit-log', 'audit-queue', 'audit-chain'])).toEqual([]);
  });

  it('has no serious violation on the message of a view opened under a purpose that does not fit it', async () => {
    const page = await openAt(browser, viewport, { bypassCSP: true });
    await signIn(page, coordinator);
    expect(await check(page, ['dashboard'])).toEqual([]);
    await expect(page.locator('.purpose-mismatch').count()).resolves.toBe(1);
  });
});
