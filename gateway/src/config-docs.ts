import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewaySettings } from './config';

export const readmePath = join(__dirname, '../../README.md');
const START = '<!-- gateway settings: generated from gatewaySettings in gateway/src/config.ts by `npm run docs` -->';
const END = '<!-- end of gateway settings -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The README's "Gateway settings" table, one row per entry of `gatewaySettings`. */
export function renderGatewaySettingsTable(): string {
  const rows = gatewaySettings.map((s) => `| \`${s.variable}\` | ${cell(s.meaning)} | ${s.default ? cell(s.default) : '—'} |`);
  return [START, '| variable | meaning | default |', '|---|---|---|', ...rows, END].join('\n');
}

/** The README with its generated table replaced by the current one; fails when the markers are missing. */
export function readmeWithGatewaySettings(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no generated gateway settings table (${START} … ${END})`);
  return readme.slice(0, start) + renderGatewaySettingsTable() + readme.slice(end + END.length);
}

/** `npm run docs` (after shared's documents): rewrites the table in README.md. */
export function writeGatewaySettingsTable(): void {
  writeFileSync(readmePath, readmeWithGatewaySettings(readFileSync(readmePath, 'utf8')));
}
