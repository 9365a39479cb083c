import type { Browser } from 'playwright-core';
import { Agency, Purpose, Role, parseReportingPeriod, shiftQuarter } from '@hub/shared';
import { type QuarterFigures, REPORT_QUERY } from '@hub/gateway/src/report/fetch-figures';
import { type AuditRow, recordsOf, withAuditDb } from '../audit/audit-support';
import { queryAs, tokenFor } from '../support/client';
import { TEST_AS_OF } from '../support/hub-info';
import { type ConsoleTab, gatewayOrigin, launchBrowser, openConsole, screenshot, settled, signIn } from '../console/console-browser';

/**
 * Issue 13, point 1: the national report from the console, for analysts and coordinators under purpose STATISTICS.
 * GET /report authenticates like /graphql, reads the figures with the caller's own token and purpose (so each read
 * is an ordinary operation record of that caller), and answers coded JSON for anything refused.
 */

const run = Date.now().toString(36);
const analyst = { agency: Agency.COORDINATION, role: Role.ANALYST, sub: `report-route-analyst-${run}` };
const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: `report-route-coord-${run}` };
const current = parseReportingPeriod(`${TEST_AS_OF.getUTCFullYear()}-Q${Math.floor(TEST_AS_OF.getUTCMonth() / 3) + 1}`)!;
/** The last complete quarter of the demo caseload. */
const QUARTER = shiftQuarter(current, -1).key;

const reportUrl = (query: string): string => `${gatewayOrigin()}/report?${query}`;
const getReport = async (query: string, who: { agency: Agency; role: Role; sub: string } | null, purpose?: Purpose) => {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${await tokenFor(who)}`;
  if (purpose) headers['x-purpose'] = purpose;
  return fetch(reportUrl(query), { headers });
};
const errorCode = async (response: Response): Promise<unknown> => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

/** Every `data-figure` of the HTML with its `data-value` ('' when suppressed). */
const figuresIn = (html: string): Map<string, string> =>
  new Map([...html.matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

describe('GET /report', () => {
  it('gives an analyst under STATISTICS the HTML report whose headline figures are the API’s, each read an access record of the analyst', async () => {
    const response = await getReport(`quarter=${QUARTER}`, analyst, Purpose.STATISTICS);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain(`<meta name="report-quarter" content="${QUARTER}">`);
    const api = await queryAs<QuarterFigures>({ ...analyst, purpose: Purpose.STATISTICS }, REPORT_QUERY, { period: { quarter: QUARTER } });
    expect(api.errors).toBeUndefined();
    const figures = figuresIn(html);
    for (const [query, stat] of [
      ['caseloadStatistics', 'identified'],
      ['caseloadStatistics', 'underSupport'],
      ['assistanceStatistics', 'assistanceDecisions'],
      ['policeStatistics', 'cooperationStarted'],
      ['policeStatistics', 'investigationsOpened'],
      ['policeStatistics', 'prosecutions'],
      ['policeStatistics', 'convictions'],
      ['immigrationStatistics', 'reflectionPeriodsGranted'],
      ['immigrationStatistics', 'returnsCompleted'],
    ] as const) {
      const cell = api.data![query]![stat] as { value: number | null };
      expect({ figure: `${query}.${stat}`, value: figures.get(`${query}.${stat}`) }).toEqual({
        figure: `${query}.${stat}`,
        value: cell.value === null ? '' : String(cell.value),
      });
    }
    expect(figures.get('caseloadStatistics.identified')).toMatch(/^\d+$/);

    // Eight quarters read with the analyst's own token under STATISTICS: eight operation records of the analyst.
    const records = await withAuditDb(
      async (db) =>
        (await db.query<AuditRow & { operation_name: string | null }>(`SELECT * FROM audit_record WHERE actor = $1 AND kind = 'OPERATION' ORDER BY seq`, [analyst.sub])).rows,
    );
    const reads = records.filter((r) => r.operation_name === 'NationalReport');
    // The report's eight quarters; the ninth is the test's own comparison query above.
    expect(reads).toHaveLength(9);
    expect(new Set(reads.map((r) => r.purpose))).toEqual(new Set([Purpose.STATISTICS]));
    expect(new Set(reads.map((r) => r.actor_role))).toEqual(new Set([Role.ANALYST]));
  }, 60_000);

  it('gives a regional report to a coordinator under STATISTICS', async () => {
    const response = await getReport(`quarter=${QUARTER}&region=OSLO`, coordinator, Purpose.STATISTICS);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Oslo and the whole country');
  }, 60_000);

  it('prints the report as a PDF on request', async () => {
    const response = await getReport(`quarter=${QUARTER}&format=pdf`, analyst, Purpose.STATISTICS);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="national-report-${QUARTER}.pdf"`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  }, 60_000);

  it('refuses a coordinator under CASE_COORDINATION with FORBIDDEN, and records the refusal', async () => {
    const response = await getReport(`quarter=${QUARTER}`, coordinator, Purpose.CASE_COORDINATION);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await errorCode(response)).toBe('FORBIDDEN');
    const records = await recordsOf(response.headers.get('x-request-id')!);
    expect(records.map((r) => [r.kind, r.actor, r.purpose, r.outcome])).toEqual([['OPERATION', coordinator.sub, Purpose.CASE_COORDINATION, 'REFUSED:FORBIDDEN']]);
  });

  it('refuses a role other than analyst or coordinator, even under STATISTICS', async () => {
    const response = await getReport(`quarter=${QUARTER}`, { agency: Agency.POLICE, role: Role.INVESTIGATOR, sub: `report-route-police-${run}` }, Purpose.STATISTICS);
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('FORBIDDEN');
  });

  it('answers 401 UNAUTHENTICATED in JSON without a token, and PURPOSE_REQUIRED without a purpose', async () => {
    const anonymous = await getReport(`quarter=${QUARTER}`, null, Purpose.STATISTICS);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const noPurpose = await getReport(`quarter=${QUARTER}`, analyst);
    expect(noPurpose.status).toBe(400);
    expect(await errorCode(noPurpose)).toBe('PURPOSE_REQUIRED');
  });

  it('answers 400 BAD_USER_INPUT in JSON for a malformed quarter, region or format', async () => {
    for (const query of ['quarter=2026-Q5', 'quarter=2026-03', '', `quarter=${QUARTER}&region=ATLANTIS`, `quarter=${QUARTER}&format=docx`]) {
      const response = await getReport(query, analyst, Purpose.STATISTICS);
      expect({ query, status: response.status, type: response.headers.get('content-type')?.split(';')[0] }).toEqual({ query, status: 400, type: 'application/json' });
      expect(await errorCode(response)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('the console’s report view', () => {
  let browser: Browser;
  let tab: ConsoleTab;
  beforeAll(async () => {
    browser = await launchBrowser();
    tab = await openConsole(browser);
  });
  afterAll(async () => browser?.close());

  it('shows an analyst the report of the chosen quarter in a frame, and downloads it as PDF', async () => {
    const { page } = tab;
    await signIn(page, { ...analyst, sub: `${analyst.sub}-console`, purpose: Purpose.STATISTICS });
    await page.getByRole('link', { name: 'National report' }).click();
    await expect(page.getByLabel('Quarter', { exact: true }).inputValue()).resolves.toBe(QUARTER);
    await settled(page, '#report-results');
    const [year, q] = QUARTER.split('-Q');
    await expect(page.frameLocator('#report-frame').locator('h1').textContent()).resolves.toBe(`Victims of human trafficking, quarter ${q} ${year}`);
    await screenshot(page, 'analyst-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`national-report-${QUARTER}.pdf`);
    expect(tab.problems).toEqual([]);
  }, 90_000);

  it('says in one message that the report needs the purpose STATISTICS under another purpose', async () => {
    const { page } = tab;
    await page.getByLabel('Purpose of use', { exact: true }).selectOption(Purpose.CASE_COORDINATION);
    // The console's router gives the one message for a view opened under a purpose it is not answered under.
    const message = page.locator('main .purpose-mismatch[data-needs-purpose="STATISTICS"]');
    await expect(message.innerText()).resolves.toContain('National report is open only under the purpose Statistics');
    expect(await page.locator('main .purpose-mismatch').count()).toBe(1);
    expect(await page.locator('.error').count()).toBe(0);
    expect(tab.problems).toEqual([]);
    expect(tab.requests.filter((url) => new URL(url).origin !== gatewayOrigin() && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  });
});
