import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GatewayClient, type ReportFigures, fetchFigures } from './fetch-figures';
import { printPdf } from './print-pdf';
import { renderReport } from './render-report';

/** The hub's version, from the root package.json. */
const hubVersion = (): string =>
  (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

/** The report of a quarter (and a region) as HTML, with its figures, title and a file name (no PDF). */
export async function reportDocument(
  client: GatewayClient,
  quarter: string,
  region: string | null,
): Promise<{ name: string; title: string; figures: ReportFigures; html: string }> {
  const asOf = new Date();
  const figures = await fetchFigures(client, quarter, region);
  const html = renderReport(figures, { asOf, hubVersion: hubVersion() });
  const title = `National report ${figures.quarter}${region ? ` · ${region}` : ''}`;
  return { name: `national-report-${figures.quarter}${region ? `-${region.toLowerCase()}` : ''}`, title, figures, html };
}

/** The report of a quarter (and a region): its figures, HTML and PDF, and a file name. */
export async function generateReport(
  client: GatewayClient,
  quarter: string,
  region: string | null,
): Promise<{ name: string; figures: ReportFigures; html: string; pdf: Buffer }> {
  const { name, title, figures, html } = await reportDocument(client, quarter, region);
  return { name, figures, html, pdf: await printPdf(html, title) };
}
