/**
 * `npm run audit:export -- --from … --to …` writes the access log as NDJSON: one parseable record per line,
 * every one inside the range, in log order, exactly as many as the log holds in that range; a whole-log export
 * re-hashes byte for byte (microseconds included) and verifies offline, with no database, against the heads.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { canonicalRecordForm } from '@hub/shared/src/audit/record-form';
import { auditVerifyCli, runCli, witnessed } from './log-tampering';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryAs } from '../support/client';
import { postgresUrl } from '../support/hub-info';
import { coordinator, investigator, withAuditDb, withLogLock } from './audit-support';

const repoRoot = join(__dirname, '../..');

function auditExport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'subgraphs/audit/src/cli/export-cli.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, AUDIT_ADMIN_DATABASE_URL: postgresUrl('hub_audit') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Exported {
  seq: string;
  at: string;
  kind: string;
  requestId: string;
  fields: string[];
  hash: string;
}

const parseLines = (text: string): Exported[] =>
  text
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('{"frontier"'))
    .map((line) => JSON.parse(line) as Exported);

const expectAscendingSeq = (records: Exported[]): void => {
  for (let i = 1; i < records.length; i += 1) expect(BigInt(records[i]!.seq) > BigInt(records[i - 1]!.seq)).toBe(true);
};

describe('audit:export', () => {
  let from: Date;
  let to: Date;
  const requestIds: string[] = [];

  beforeAll(async () => {
    from = new Date();
    for (const who of [coordinator, investigator, coordinator]) {
      const response = await queryAs(who, '{ victims(first: 4) { edges { node { id alias region } } } }');
      requestIds.push(response.requestId!);
    }
    to = new Date();
    // Records stamped before `to` are committed well within this pause.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });

  it('writes every record of the time range as one NDJSON line, in chain order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    try {
      const out = join(dir, 'log.ndjson');
      const result = await auditExport(['--from', from.toISOString(), '--to', to.toISOString(), '--out', out]);
      expect(result.stderr).toContain('exported');
      expect(result.code).toBe(0);
      const records = parseLines(readFileSync(out, 'utf8'));

      const inRange = await withAuditDb(async (db) => {
        const { rows } = await db.query<{ seq: string }>(`SELECT r.seq::text AS seq FROM audit_record r WHERE r.at >= $1 AND r.at < $2 ORDER BY r.seq`, [from, to]);
        return rows.map((r) => r.seq);
      });
      expect(records.map((r) => r.seq)).toEqual(inRange);
      expect(records.length).toBeGreaterThan(requestIds.length);
      expectAscendingSeq(records);
      for (const record of records) {
        expect(new Date(record.at) >= new Date(from.getTime() - 1) && new Date(record.at) < to).toBe(true);
        expect(Array.isArray(record.fields)).toBe(true);
        expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
      }
      for (const id of requestIds) expect(records.filter((r) => r.requestId === id && r.kind === 'OPERATION')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports the whole log from record 1 so that it re-hashes byte for byte and verifies offline; one altered microsecond is found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    try {
      const out = join(dir, 'log.ndjson');
      const heads = join(dir, 'heads.json');
      // (shared lock: the tamper test's deliberate damage would show here)
      await withLogLock('shared', async () => {
        await witnessed();
        const result = await runCli('subgraphs/audit/src/cli/export-cli.ts', ['--out', out, '--heads-out', heads]);
        expect(result.code).toBe(0);
      });
      const records = parseLines(readFileSync(out, 'utf8'));
      expect(records[0]!.seq).toBe('1');
      expectAscendingSeq(records);
      for (const record of records) {
        expect(record.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        // RFC 9162 leaf hash, computed here from the documented form: SHA-256(0x00 || canonical JSON).
        const leaf = createHash('sha256').update(Buffer.of(0)).update(canonicalRecordForm(record as never), 'utf8').digest('hex');
        expect({ seq: record.seq, leaf }).toEqual({ seq: record.seq, leaf: record.hash });
      }
      const offline = await auditVerifyCli(['--export', out, '--heads', heads]);
      expect(offline.output).toContain('Access log intact');
      expect(offline.code).toBe(0);

      const lines = readFileSync(out, 'utf8').split('\n');
      const middle = Math.floor(lines.length / 2);
      const altered = JSON.parse(lines[middle]!) as Exported;
      lines[middle] = JSON.stringify({ ...altered, at: altered.at.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)) });
      writeFileSync(out, lines.join('\n'));
      const broken = await auditVerifyCli(['--export', out, '--heads', heads]);
      expect(broken.code).toBe(1);
      expect(broken.output).toContain(`record ${altered.seq} no longer fits`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a range that ends before it starts, with a non-zero exit', async () => {
    const result = await auditExport(['--from', to.toISOString(), '--to', from.toISOString()]);
    expect(result.stderr).toContain('from before to');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
  });
});
