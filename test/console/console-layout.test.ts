/**
 * How the console reads, measured in headless Chromium: charts with labels at body size and bars by count, one
 * note for suppressed counts, one message for a view opened under the wrong purpose, checkboxes for choices,
 * a sign-in region list that shows every region, and an access log that fits a laptop and a phone.
 */
import type { Browser, Page } from 'playwright-core';
import { Agency, Purpose, Region, Role } from '@hub/shared';
import { ARTIFACTS, type ConsoleIdentity, type ViewportName, launchBrowser, openAt, signIn, visit } from './console-browser';

const coordinator: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: 'layout-coordinator', purpose: Purpose.CASE_COORDINATION };
const analyst: ConsoleIdentity = { agency: Agency.COORDINATION, role: Role.ANALYST, sub: 'layout-analyst', purpose: Purpose.STATISTICS };
const auditor: ConsoleIdentity = { agency: Agency.AUDIT, role: Role.AUDITOR, sub: 'layout-auditor', purpose: Purpose.AUDIT };

let browser: Browser;
beforeAll(async () => (browser = await launchBrowser()));
afterAll(async () => browser?.close());

const px = (value: string): number => Number.parseFloat(value);

// The browser's globals used by the functions that run in the page (the test project has no DOM library).
interface Box { x: number; y: number; width: number; height: number }
interface Node { scrollWidth: number; clientWidth: number; scrollHeight: number; getBoundingClientRect(): Box; closest(selector: string): Node | null; getAttribute(name: string): string | null }
declare const getComputedStyle: (element: unknown, pseudo?: string) => { fontSize: string; display: string; content: string };
declare const document: { body: Node; documentElement: Node; querySelector(s: string): Node; querySelectorAll(s: string): ArrayLike<Node>; elementFromPoint(x: number, y: number): Node | null };

describe('the dashboard’s charts', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openAt(browser, 'desktop');
    await signIn(page, analyst);
    await visit(page, 'dashboard');
    // Last year: a year has every breakdown, with shown and suppressed cells.
    await page.getByLabel('Period', { exact: true }).selectOption(String(new Date().getUTCFullYear() - 1));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#stats-results[data-state="done"][data-period-from^="' + String(new Date().getUTCFullYear() - 1) + '"]').waitFor();
  });

  it('label every bar in text at least as large as the body text (not a scaled-down drawing)', async () => {
    const body = px(await page.evaluate(() => getComputedStyle(document.body).fontSize));
    expect(body).toBeGreaterThanOrEqual(16);
    const sizes = await page.locator('#stats-results table.bar-chart .chart-label').evaluateAll((els) => els.map((el) => getComputedStyle(el).fontSize));
    expect(sizes.length).toBeGreaterThan(10);
    for (const size of sizes) expect(px(size)).toBeGreaterThanOrEqual(body);
    const valueSizes = await page.locator('#stats-results table.bar-chart .chart-value').evaluateAll((els) => els.map((el) => getComputedStyle(el).fontSize));
    for (const size of valueSizes) expect(px(size)).toBeGreaterThanOrEqual(body);
    await expect(page.locator('#stats-results svg').count()).resolves.toBe(0);
  });

  it('order the bars by count, largest first, the suppressed ones last; the longest bar is the largest count', async () => {
    const charts = await page.locator('#stats-results table.bar-chart').evaluateAll((tables) =>
      tables.map((table) =>
        [...table.querySelectorAll('tbody tr')].map((tr) => ({
          label: tr.querySelector('th')?.textContent ?? '',
          value: tr.getAttribute('data-value'),
          suppressed: tr.hasAttribute('data-suppressed'),
          width: tr.querySelector('.bar')?.getBoundingClientRect().width ?? 0,
        })),
      ),
    );
    expect(charts.length).toBe(9); // five caseload breakdowns, permits by type, measures by kind, inspections by sector, sanctions by kind
    let compared = 0;
    for (const rows of charts) {
      const shown = rows.filter((r) => !r.suppressed);
      const firstSuppressed = rows.findIndex((r) => r.suppressed);
      if (firstSuppressed >= 0) expect(rows.slice(firstSuppressed).every((r) => r.suppressed)).toBe(true);
      const values = shown.map((r) => Number(r.value));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      for (let i = 1; i < shown.length; i++) expect(shown[i]!.width).toBeLessThanOrEqual(shown[i - 1]!.width + 0.5);
      for (const r of rows.filter((row) => row.suppressed)) expect(r.width).toBe(0); // no bar that would hint at the count
      compared += Math.max(0, shown.length - 1);
    }
    expect(compared).toBeGreaterThan(10);
    // Nationalities by name, not by code.
    const nationalities = charts[3]!.map((r) => r.label);
    expect(nationalities.some((label) => /^[A-Z]{2}$/.test(label))).toBe(false);
  });

  it('explain suppressed counts once, in a single note, instead of repeating a word in every cell', async () => {
    const suppressed = await page.locator('#stats-results [data-stat][data-suppressed]').count();
    expect(suppressed).toBeGreaterThan(0);
    await expect(page.locator('#stats-results [data-note="suppressed"]').count()).resolves.toBe(1);
    const text = await page.locator('#stats-results').innerText();
    expect(text.match(/suppressed/gi)).toBeNull();
    expect(text.match(/does not publish/g) ?? []).toHaveLength(1);
    // Each suppressed cell shows the mark and no digit.
    const marks = await page.locator('#stats-results [data-stat][data-suppressed] [aria-hidden="true"]').allTextContents();
    expect(marks).toHaveLength(suppressed);
    expect(new Set(marks)).toEqual(new Set(['—']));
    const digits = await page.locator('#stats-results [data-stat][data-suppressed]').allTextContents();
    expect(digits.filter((t) => /\d/.test(t))).toEqual([]);
  });
});

describe('a view opened under a purpose that does not fit it', () => {
  it('shows one clear message with the purpose to choose, sends no request, and shows the numbers once it is chosen', async () => {
    const page = await openAt(browser, 'desktop');
    await signIn(page, coordinator);
    const graphqlRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') graphqlRequests.push(request.postData() ?? '');
    });
    await visit(page, 'dashboard');
    await expect(page.locator('main .error').count()).resolves.toBe(0);
    await expect(page.locator('main .notice, main [role="alert"]').count()).resolves.toBe(1);
    const message = page.locator('main .purpose-mismatch');
    await expect(message.innerText()).resolves.toContain('Dashboard is open only under the purpose Statistics. You are working under Case coordination');
    expect(graphqlRequests).toEqual([]);
    await page.getByRole('button', { name: 'Use purpose Statistics' }).click();
    await page.locator('#stats-results[data-state="done"] [data-stat="caseload.identified"]').waitFor();
    await expect(page.locator('main .purpose-mismatch').count()).resolves.toBe(0);
    await expect(page.getByLabel('Purpose of use', { exact: true }).inputValue()).resolves.toBe(Purpose.STATISTICS);
    expect(graphqlRequests.length).toBe(5); // one per statistics source: caseload, police, immigration, assistance, labour inspection
  });

  it('is the same one message on every view bound to a purpose (the report, the audit views)', async () => {
    const page = await openAt(browser, 'desktop');
    await signIn(page, coordinator);
    await visit(page, 'report');
    await expect(page.locator('main .purpose-mismatch[data-needs-purpose="STATISTICS"]').count()).resolves.toBe(1);
    await expect(page.locator('main .error, #report-frame').count()).resolves.toBe(0);
    await visit(page, 'audit-log');
    await expect(page.locator('main .purpose-mismatch[data-needs-purpose="AUDIT"]').count()).resolves.toBe(1);
    await expect(page.locator('main .error, #log-table').count()).resolves.toBe(0);
  });
});

describe.each(['desktop', 'phone'] as ViewportName[])('the sign-in form at the %s width', (viewport) => {
  it('offers every region as a checkbox, none of them clipped', async () => {
    const page = await openAt(browser, viewport);
    const group = page.getByRole('group', { name: 'Regions' });
    const inputs = group.locator('input');
    await expect(inputs.evaluateAll((els) => els.map((el) => el.getAttribute('type')))).resolves.toEqual(Object.values(Region).map(() => 'checkbox'));
    await expect(page.locator('select[multiple]').count()).resolves.toBe(0);
    const box = (await group.boundingBox())!;
    for (const region of Object.values(Region)) {
      const label = group.locator(`label[for="signin-regions-${region.toLowerCase()}"]`);
      await label.scrollIntoViewIfNeeded();
      const r = (await label.boundingBox())!;
      const fieldset = (await group.boundingBox())!;
      expect(r.height).toBeGreaterThan(10);
      expect(r.y).toBeGreaterThanOrEqual(fieldset.y);
      expect(r.y + r.height).toBeLessThanOrEqual(fieldset.y + fieldset.height);
      expect(r.x + r.width).toBeLessThanOrEqual(fieldset.x + fieldset.width);
      // What is at the label's centre is the label: nothing covers or clips it.
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('label')?.getAttribute('for') ?? null, [r.x + r.width / 2, r.y + r.height / 2]);
      expect(hit).toBe(`signin-regions-${region.toLowerCase()}`);
    }
    expect(box.width).toBeGreaterThan(0);
    // Two regions chosen reach the token.
    await group.getByLabel('Oslo', { exact: true }).check();
    await group.getByLabel('North', { exact: true }).check();
    await page.getByLabel('Agency').selectOption(Agency.SOCIAL_SERVICES);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#whoami').waitFor();
    await expect(page.locator('.who').innerText()).resolves.toContain('Oslo, North');
  });
});

describe('the access log', () => {
  async function auditPage(viewport: ViewportName): Promise<Page> {
    const page = await openAt(browser, viewport);
    await signIn(page, auditor);
    await visit(page, 'audit-log');
    await page.locator('#log-results[data-state="done"] #log-table').waitFor();
    return page;
  }

  it('fits a 1,366 px screen without scrolling sideways, with readable values and field lists as chips', async () => {
    const page = await auditPage('desktop');
    const widths = await page.evaluate(() => {
      const doc = document;
      const wrap = doc.querySelector('#log-results .table-wrap');
      return { page: [doc.documentElement.scrollWidth, doc.documentElement.clientWidth], table: [wrap.scrollWidth, wrap.clientWidth] };
    });
    expect(widths.page[0]).toBeLessThanOrEqual(widths.page[1]!);
    expect(widths.table[0]).toBeLessThanOrEqual(widths.table[1]!);
    const rows = await page.locator('#log-table tbody tr').count();
    expect(rows).toBe(25);
    // No raw enum value (FIELD_ACCESS, SOCIAL_SERVICES) in any cell but the field names and ids.
    const cells = await page.locator('#log-table tbody td:not(.fields):not(.id)').allInnerTexts();
    expect(cells.filter((text) => /[A-Z]{2,}_[A-Z]/.test(text))).toEqual([]);
    const kinds = new Set(await page.locator('#log-table tbody td[data-label="Kind"]').allInnerTexts());
    expect([...kinds].every((k) => ['Field access', 'Operation', 'Review'].includes(k))).toBe(true);
    // Fields as a list of chips, never one comma string.
    const fieldCells = page.locator('#log-table tbody td[data-label="Fields read"]');
    await expect(page.locator('#log-table tbody td[data-label="Fields read"] ul.chips li').count()).resolves.toBeGreaterThan(0);
    for (const text of await fieldCells.allInnerTexts()) expect(text).not.toContain(',');
  });

  it('shows each record as a compact card on a 390 px phone, without scrolling sideways', async () => {
    const page = await auditPage('phone');
    await page.locator("#log-table").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/access-log-phone.png` });
    const measured = await page.evaluate(() => {
      const doc = document;
      const rows = Array.from(doc.querySelectorAll('#log-table tbody tr'));
      return {
        scrollWidth: doc.documentElement.scrollWidth,
        clientWidth: doc.documentElement.clientWidth,
        pageHeight: doc.documentElement.scrollHeight,
        rows: rows.length,
        tallest: Math.max(...rows.map((r) => r.getBoundingClientRect().height)),
        widest: Math.max(...rows.map((r) => r.getBoundingClientRect().width)),
      };
    });
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.clientWidth);
    expect(measured.widest).toBeLessThanOrEqual(390);
    expect(measured.rows).toBeGreaterThan(0);
    await expect(page.locator('#log-table tbody tr').first().evaluate((tr) => getComputedStyle(tr).display)).resolves.toBe('block');
    // Every cell names its column in the card.
    await expect(page.locator('#log-table tbody td').first().evaluate((td) => getComputedStyle(td, '::before').content)).resolves.toBe('"When"');
    expect(measured.tallest).toBeLessThanOrEqual(320);
    // The page is its cards plus the page's own header and filters (it was about 13,000 px for 25 records as a table).
    expect(measured.pageHeight).toBeLessThan(measured.rows * 320 + 1500);
    // The fields read are one tap away, grouped by type, as chips.
    const first = page.locator('#log-table tbody td[data-label="Fields read"] details').first();
    await expect(first.locator('ul.chips li').first().isVisible()).resolves.toBe(false);
    await first.locator('summary').click();
    await expect(first.locator('ul.chips li').first().isVisible()).resolves.toBe(true);
    process.stdout.write(`access log at 390 px: ${measured.rows} records, page ${measured.pageHeight} px tall, tallest card ${Math.round(measured.tallest)} px\n`);
  });
});
