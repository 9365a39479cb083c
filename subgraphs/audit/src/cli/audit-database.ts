import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseName } from '@hub/shared';
import { localDatabaseUrl } from '@hub/shared/src/local/embedded-postgres';

const repoRoot = join(__dirname, '../../../..');

/** The audit database for the command-line tools: `AUDIT_ADMIN_DATABASE_URL`, or the local hub's (`.data/hub.json`). */
export function auditDatabaseUrl(): string {
  if (process.env.AUDIT_ADMIN_DATABASE_URL) return process.env.AUDIT_ADMIN_DATABASE_URL;
  const dataDir = process.env.HUB_DATA_DIR ?? join(repoRoot, '.data');
  const hubFile = join(dataDir, 'hub.json');
  if (!existsSync(hubFile)) {
    throw new Error(`No running local hub found (${hubFile} is missing): start it with npm start, or set AUDIT_ADMIN_DATABASE_URL`);
  }
  const hub = JSON.parse(readFileSync(hubFile, 'utf8')) as { postgres: { port: number } | null };
  if (!hub.postgres) throw new Error('The local hub uses an external PostgreSQL: set AUDIT_ADMIN_DATABASE_URL');
  return localDatabaseUrl(hub.postgres.port, databaseName('audit'));
}

/** The witness to ask for its newest cosigned head: HUB_WITNESS_URL / HUB_WITNESS_VKEY, or the local hub's. */
export function witnessConfig(): { url: string | undefined; vkey: string | undefined } {
  if (process.env.HUB_WITNESS_URL) return { url: process.env.HUB_WITNESS_URL, vkey: process.env.HUB_WITNESS_VKEY };
  const hubFile = join(process.env.HUB_DATA_DIR ?? join(repoRoot, '.data'), 'hub.json');
  if (!existsSync(hubFile)) return { url: undefined, vkey: process.env.HUB_WITNESS_VKEY };
  const hub = JSON.parse(readFileSync(hubFile, 'utf8')) as { witness?: { url: string; vkey: string } };
  return { url: hub.witness?.url, vkey: process.env.HUB_WITNESS_VKEY ?? hub.witness?.vkey };
}

export const keysDir = (): string => process.env.HUB_KEYS_DIR ?? join(process.env.HUB_DATA_DIR ?? join(repoRoot, '.data'), 'keys');

export async function openAuditDatabase(): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', url: auditDatabaseUrl(), entities: [] });
  return dataSource.initialize();
}

/**
 * Ends a command-line tool with `code` once stdout and stderr are flushed. An explicit exit is needed:
 * importing embedded-postgres (for the local URL) installs an exit hook that calls `process.exit(0)` on
 * `beforeExit`, which would turn a failure's `process.exitCode` into success.
 */
export async function exitWith(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit(code);
}
