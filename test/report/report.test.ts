import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agency, Purpose, Region, Role, parseReportingPeriod, shiftQuarter } from '@hub/shared';
import { generateReport } from '@hub/gateway/src/report/generate-report';
import { type QuarterFigures, REPORT_QUERY } from '@hub/gateway/src/report/fetch-figures';
import { queryAs, tokenFor } from '../support/client';
import { TEST_AS_OF, testHub } from '../support/hub-info';
import { launchBrowser } from '../console/console-browser';

/**
 * Issue 13: the national report. Its numbers are the statistics API's for the same quarter (read back from the
 * HTML), it is reproducible, its PDF renders with text, and a browser shows its sections and charts.
 */

const analyst = { agency: Agency.COORDINATION, role: Role.ANALYST };
const now = TEST_AS_OF;
const current = parseReportingPeriod(`${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`)!;
/** The last complete quarter of the demo caseload. */
const QUARTER = shiftQuarter(current, -1).key;

/** Runs a command with `input` on its stdin. */
const run = (cmd: string, args: string[], input: Buffer): Promise<{ stdout: string }> =>
  new Promise((done, fail) => {
    const child = execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error ? fail(error) : done({ stdout })));
    child.stdin!.end(input);
  });

type Report = Awaited<ReturnType<typeof generateReport>>;
let national: Report;
let regional: Report;
beforeAll(async () => {
  const client = { url: testHub().gatewayUrl, token: await tokenFor(analyst) };
  national = await generateReport(client, QUARTER, null);
  regional = await generateReport(client, QUARTER, Region.OSLO);
  const sample = process.env.REPORT_SAMPLE_DIR;
  if (sample) {
    mkdirSync(sample, { recursive: true });
    for (const r of [national, regional]) {
      writeFileSync(join(sample, `${r.name}.html`), r.html);
      writeFileSync(join(sample, `${r.name}.pdf`), r.pdf);
    }
  }
}, 120_000);

/** Every `data-figure` of the HTML with its `data-value` ('' when suppressed). */
const figuresIn = (html: string): Map<string, string> =>
  new Map([...html.matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

describe('the national report', () => {
  it('shows for every figure of the quarter exactly what the statistics API answers for that quarter', async () => {
    const response = await queryAs<QuarterFigures>({ ...analyst, purpose: Purpose.STATISTICS }, REPORT_QUERY, { period: { quarter: QUARTER } });
    expect(response.errors).toBeUndefined();
    const api = response.data!;
    const inReport = figuresIn(national.html);
    const checked: string[] = [];
    for (const [figure, value] of inReport) {
      const [query, stat, key] = figure.split('.');
      if (query === 'share') continue;
      const answer = api[query!]![stat!]!;
      const cell = Array.isArray(answer) ? (answer.find((c) => c.key === key) ?? { value: null }) : answer;
      expect({ figure, value }).toEqual({ figure, value: cell.value === null ? '' : String(cell.value) });
      checked.push(figure);
    }
    // The headline figures and every breakdown cell of the API are in the report.
    for (const cells of ['byExploitationForm', 'byGender', 'byAgeGroup', 'byNationality', 'byRegion']) {
      for (const c of api.caseloadStatistics![cells] as { key: string }[]) expect(checked).toContain(`caseloadStatistics.${cells}.${c.key}`);
    }
    expect(checked).toEqual(expect.arrayContaining(['caseloadStatistics.identified', 'policeStatistics.prosecutions', 'policeStatistics.convictions']));
    // Shares are computed from shown counts only, in whole percent.
    const accepted = api.assistanceStatistics!.assistanceAccepted as { value: number | null };
    const decisions = api.assistanceStatistics!.assistanceDecisions as { value: number | null };
    const share = accepted.value !== null && decisions.value ? String(Math.round((accepted.value / decisions.value) * 100)) : '';
    expect(inReport.get('share.acceptingAssistance')).toBe(share);
  });

  it('gives the same figures and hash when generated twice, and names period, as-of time, version and hash', async () => {
    const again = await generateReport({ url: testHub().gatewayUrl, token: await tokenFor(analyst) }, QUARTER, null);
    expect(again.figures.hash).toBe(national.figures.hash);
    expect([...figuresIn(again.html)]).toEqual([...figuresIn(national.html)]);
    expect(national.html).toContain(`data-release="period">${QUARTER}`);
    expect(national.html).toMatch(/data-release="as-of">\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(national.html).toContain('data-release="version">0.1.0');
    expect(national.html).toContain(`sha256:${national.figures.hash}`);
    expect(national.figures.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives in a regional report the region's figures as the API answers them for the region, beside the whole country's", async () => {
    expect(regional.name).toBe(`national-report-${QUARTER}-oslo`);
    expect(regional.html).toContain('Oslo and the whole country');
    const ask = async (region: Region | null) => {
      const response = await queryAs<QuarterFigures>({ ...analyst, purpose: Purpose.STATISTICS }, REPORT_QUERY, { period: { quarter: QUARTER }, region });
      expect(response.errors).toBeUndefined();
      return response.data!;
    };
    const [oslo, country] = [await ask(Region.OSLO), await ask(null)];
    const checked = { region: [] as string[], national: [] as string[] };
    for (const [figure, value] of figuresIn(regional.html)) {
      const national = figure.startsWith('national:');
      const [query, stat, key] = figure.replace(/^national:/, '').split('.');
      if (query === 'share') continue;
      const answer = (national ? country : oslo)[query!]![stat!]!;
      const cell = Array.isArray(answer) ? (answer.find((c) => c.key === key) ?? { value: null }) : answer;
      expect({ figure, value }).toEqual({ figure, value: cell.value === null ? '' : String(cell.value) });
      checked[national ? 'national' : 'region'].push(figure);
    }
    // Every key figure twice (the region's, the whole country's beside it); the breakdowns are the whole country's.
    for (const f of ['caseloadStatistics.identified', 'policeStatistics.investigationsOpened', 'assistanceStatistics.assistanceDecisions']) {
      expect(checked.region).toContain(f);
      expect(checked.national).toContain(`national:${f}`);
    }
    expect(checked.national).toContain('national:caseloadStatistics.byRegion.OSLO');
    expect(checked.region.filter((f) => /byGender|byNationality|byAgeGroup|byExploitationForm/.test(f))).toEqual([]);
    // The region is not the country: Oslo's victims identified are fewer than the whole country's (the demo has six regions).
    const identified = (c: QuarterFigures) => (c.caseloadStatistics!.identified as { value: number | null }).value;
    if (identified(oslo) !== null) expect(identified(oslo)!).toBeLessThan(identified(country)!);
    expect(regional.figures.hash).not.toBe(national.figures.hash);
  });

  it('is a PDF of several A4 pages whose text can be extracted', async () => {
    const { stdout } = await run('node', [join(__dirname, 'pdf-text.mjs')], national.pdf);
    const pdf = JSON.parse(stdout) as { pages: number; text: string; size: number[] };
    expect(pdf.pages).toBeGreaterThanOrEqual(3);
    expect(pdf.text).toContain('About small numbers');
    expect(pdf.text).toContain('Current challenges');
    expect(pdf.text).toContain(QUARTER);
    expect(pdf.size).toEqual([595, 842]); // A4 in points
  });

  it('shows every section and eight-quarter chart in a browser, loading nothing from elsewhere', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(national.html);
      const headings = await page.locator('h2').allTextContents();
      for (const h of ['Key figures', 'About small numbers', 'Trends over the last eight quarters', 'Residence permits, police and prosecution',
        'Assistance and safe houses', 'Current challenges']) expect(headings).toContain(h);
      expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('figure.chart').first().locator('svg rect').count()).toBe(8);
      for (const t of ['Minors', 'Labour exploitation', 'Begging and forced crime', 'Safe houses for men', 'Long-term accommodation', 'Cross-border cases']) {
        await expect(page.locator('.challenges dt', { hasText: t }).count()).resolves.toBe(1);
      }
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
