/**
 * What the tamper tests share: running SQL as the superuser with every trigger off, snapshots of rows to put
 * back, waiting for the witness, and both verifiers (`verifyAuditChain`, `npm run audit:verify`).
 */
import { spawn } from 'node:child_process';
import { type KeyObject, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { postgresUrl, testHub } from '../support/hub-info';
import { logIntegrated, verifyThroughGateway, withAuditDb } from './audit-support';

const repoRoot = join(__dirname, '../..');

/** `npm run audit:verify [args]` against the test hub's audit database and witness. */
export function auditVerifyCli(args: string[] = []): Promise<{ code: number | null; output: string }> {
  return runCli('subgraphs/audit/src/cli/verify-cli.ts', args);
}

export function runCli(entry: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const hub = testHub();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        AUDIT_ADMIN_DATABASE_URL: postgresUrl('hub_audit'),
        HUB_KEYS_DIR: hub.keysDir,
        HUB_WITNESS_URL: hub.services.witness!.url,
        HUB_WITNESS_VKEY: witnessVkey(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

export const witnessVkey = (): string => readFileSync(join(testHub().dataDir, 'witness', 'witness.vkey'), 'utf8').trim();

/** The audit service's private key, as someone who stole it would use it. */
export const auditPrivateKey = (): KeyObject =>
  createPrivateKey({ key: JSON.parse(readFileSync(join(testHub().keysDir, 'audit.private.jwk.json'), 'utf8')), format: 'jwk' });

export const witnessStatus = async (): Promise<{ size: number; refusals: number }> =>
  (await (await fetch(`${testHub().services.witness!.url}/status`)).json()) as { size: number; refusals: number };

/** Waits until the witness has cosigned a head covering every record integrated so far. */
export async function witnessed(): Promise<number> {
  await logIntegrated();
  const size = await withAuditDb(async (db) => Number((await db.query(`SELECT coalesce(max(seq), 0)::text AS n FROM audit_record`)).rows[0].n));
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    const status = await witnessStatus();
    if (status.size >= size) return status.size;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the witness did not cosign a head of ${size} records within 10 s`);
}

/** Runs `work` as the superuser with every trigger off (session_replication_role = replica), committed. */
export const withoutTriggers = (work: (db: Client) => Promise<void>): Promise<void> =>
  withAuditDb(async (db) => {
    await db.query('BEGIN');
    try {
      await db.query('SET LOCAL session_replication_role = replica');
      await work(db);
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
  });

/** Rows of a table (exact, as JSON text: keeps microseconds and bytes) matching a condition. */
export const snapshotRows = (table: string, where: string, params: unknown[]): Promise<string> =>
  withAuditDb(async (db) => {
    const { rows } = await db.query<{ rows: string | null }>(`SELECT json_agg(row_to_json(t))::text AS rows FROM ${table} t WHERE ${where}`, params);
    return rows[0]!.rows ?? '[]';
  });

/**
 * Puts snapshotted rows back: first deletes what the tampering left where `where` holds (pass `false` to delete
 * nothing), then inserts every snapshotted row that is not there (rows the log added meanwhile stay).
 */
export const restoreRows = (db: Client, table: string, where: string, params: unknown[], original: string): Promise<unknown> =>
  db
    .query(`DELETE FROM ${table} t WHERE ${where}`, params)
    .then(() => db.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json) ON CONFLICT DO NOTHING`, [original]));

/**
 * Both verifiers name `seq` as the first record that no longer fits (the CLI exits 1); then the log is
 * restored and both find it intact again.
 */
export async function expectFoundAt(seq: string, restore: () => Promise<void>, reason?: RegExp): Promise<string> {
  let found = '';
  try {
    const api = await verifyThroughGateway();
    expect({ ok: api.ok, firstBadRecord: api.firstBadRecord }).toEqual({ ok: false, firstBadRecord: seq });
    if (reason) expect(api.reason).toMatch(reason);
    found = api.reason ?? '';
    const cli = await auditVerifyCli();
    expect({ code: cli.code, named: cli.output.includes(`record ${seq} no longer fits`) }).toEqual({ code: 1, named: true });
  } finally {
    await restore();
  }
  const after = await verifyThroughGateway();
  expect(after).toMatchObject({ ok: true, firstBadRecord: null });
  return found;
}
