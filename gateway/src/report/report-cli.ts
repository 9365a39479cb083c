/**
 * `npm run report -- --quarter 2026-Q3 [--region OSLO] [--out <dir>]` writes the national report (issue 13) as
 * HTML and PDF. It reads the figures through the running hub's gateway (`.data/hub.json`) with a token for an
 * analyst of the coordinating unit and purpose STATISTICS, so its generation is an access record like any read.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Agency, Region, Role } from '@hub/shared';
import { LocalIssuer } from '../auth/local-issuer';
import { generateReport } from './generate-report';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quarter: { type: 'string' }, region: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.quarter) throw new Error('usage: npm run report -- --quarter 2026-Q3 [--region OSLO] [--out <dir>]');
  const region = values.region?.toUpperCase() ?? null;
  if (region && !Object.values(Region).includes(region as Region)) throw new Error(`--region is one of ${Object.values(Region).join(', ')}`);
  const dataDir = process.env.HUB_DATA_DIR ?? join(__dirname, '../../../.data');
  const hub = JSON.parse(readFileSync(join(dataDir, 'hub.json'), 'utf8')) as { gatewayUrl?: string };
  const url = hub.gatewayUrl;
  if (!url) throw new Error(`No gateway address in ${join(dataDir, 'hub.json')}: start the hub with npm start`);
  const issuer = await LocalIssuer.open(dataDir);
  const token = await issuer.issue({ sub: 'coordination-analyst-report', agency: Agency.COORDINATION, role: Role.ANALYST, regions: [] }, 600);
  const report = await generateReport({ url, token }, values.quarter, region);
  const out = resolve(values.out ?? 'reports');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${report.name}.html`), report.html);
  writeFileSync(join(out, `${report.name}.pdf`), report.pdf);
  process.stdout.write(`${join(out, report.name)}.{html,pdf}  sha256:${report.figures.hash}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
