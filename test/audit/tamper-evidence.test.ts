/**
 * Tamper evidence: a superuser who switches the triggers off and alters, deletes, reorders or inserts a
 * record is caught by `verifyAuditChain` and by `npm run audit:verify`, which name exactly that record. Each
 * case puts the original rows back afterwards and checks that the chain verifies again, so the files that
 * run later see an intact log. The services' role cannot change the log at all, and even the superuser's
 * UPDATE, DELETE and TRUNCATE are refused while the triggers are on.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { queryAs } from '../support/client';
import { postgresUrl, testHub } from '../support/hub-info';
import { coordinator, verifyThroughGateway, withAuditDb, withLogLock } from './audit-support';

const repoRoot = join(__dirname, '../..');

/** `npm run audit:verify` against the test hub's audit database. */
function auditVerifyCli(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'subgraphs/audit/src/cli/verify-cli.ts'], {
      cwd: repoRoot,
      env: { ...process.env, AUDIT_ADMIN_DATABASE_URL: postgresUrl('hub_audit'), HUB_KEYS_DIR: testHub().keysDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Runs `statements` as the superuser with every trigger off (session_replication_role = replica), committed. */
const withoutTriggers = (work: (db: Client) => Promise<void>): Promise<void> =>
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

/** The exact rows at these positions, as JSON text (keeps the microseconds the hashes cover). */
const snapshot = (seqs: string[]): Promise<string> =>
  withAuditDb(async (db) => {
    const { rows } = await db.query<{ rows: string }>(
      `SELECT json_agg(row_to_json(r) ORDER BY r.seq)::text AS rows FROM audit_record r WHERE r.seq = ANY($1::bigint[])`,
      [seqs],
    );
    return rows[0]!.rows;
  });

/** Puts the original rows back at their positions, removing whatever the tampering left there. */
const restore = (seqs: string[], original: string): Promise<void> =>
  withoutTriggers(async (db) => {
    await db.query(`DELETE FROM audit_record WHERE seq = ANY($1::bigint[])`, [seqs]);
    await db.query(`INSERT INTO audit_record SELECT * FROM json_populate_recordset(NULL::audit_record, $1::json)`, [original]);
  });

/** A field-access record well inside the chain, with at least one field read, and its successor. */
async function recordInTheMiddle(): Promise<string> {
  const head = await withAuditDb(async (db) => (await db.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_chain_head')).rows[0]!.seq);
  const seq = await withAuditDb(async (db) => {
    const { rows } = await db.query<{ seq: string }>(
      `SELECT seq::text AS seq FROM audit_record WHERE kind = 'FIELD_ACCESS' AND cardinality(fields) > 0 AND seq BETWEEN 2 AND $1
        ORDER BY seq DESC LIMIT 1`,
      [BigInt(head) / 2n + 1n],
    );
    return rows[0]!.seq;
  });
  return seq;
}

/** Both verifiers report the log broken at `seq`; then the original is restored and both report it intact. */
async function expectNamed(seq: string, restoreLog: () => Promise<void>): Promise<void> {
  try {
    const api = await verifyThroughGateway();
    expect({ ok: api.ok, firstBadRecord: api.firstBadRecord }).toEqual({ ok: false, firstBadRecord: seq });
    const cli = await auditVerifyCli();
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`record ${seq} no longer fits`);
  } finally {
    await restoreLog();
  }
  const after = await verifyThroughGateway();
  expect(after).toMatchObject({ ok: true, firstBadRecord: null });
}

describe('the access log is tamper-evident', () => {
  beforeAll(async () => {
    // Enough history that there is a middle to tamper with.
    for (let i = 0; i < 3; i += 1) await queryAs(coordinator, '{ victims(first: 3) { edges { node { id alias } } } }');
  });

  it('verifies an untouched log: verifyAuditChain is ok and audit:verify exits 0', async () => {
    await withLogLock('shared', async () => {
      const api = await verifyThroughGateway();
      expect(api).toMatchObject({ ok: true, firstBadRecord: null });
      expect(api.checkedRecords).toBeGreaterThan(0);
      const cli = await auditVerifyCli();
      expect(cli.output).toContain('Access log intact');
      expect(cli.code).toBe(0);
    });
  });

  it('names a record whose fields were altered', async () => {
    await withLogLock('exclusive', async () => {
      const seq = await recordInTheMiddle();
      const original = await snapshot([seq]);
      await withoutTriggers(async (db) => {
        await db.query(`UPDATE audit_record SET fields = '{}', decision = 'DENY' WHERE seq = $1`, [seq]);
      });
      await expectNamed(seq, () => restore([seq], original));
    });
  });

  it('names a deleted record', async () => {
    await withLogLock('exclusive', async () => {
      const seq = await recordInTheMiddle();
      const original = await snapshot([seq]);
      await withoutTriggers(async (db) => {
        await db.query(`DELETE FROM audit_record WHERE seq = $1`, [seq]);
      });
      await expectNamed(seq, () => restore([seq], original));
    });
  });

  it('names the first of two records whose order was swapped', async () => {
    await withLogLock('exclusive', async () => {
      const first = await recordInTheMiddle();
      const second = (BigInt(first) + 1n).toString();
      const original = await snapshot([first, second]);
      await withoutTriggers(async (db) => {
        await db.query(`UPDATE audit_record SET seq = CASE WHEN seq = $1 THEN $2::bigint ELSE $1::bigint END WHERE seq IN ($1, $2)`, [first, second]);
      });
      await expectNamed(first, () => restore([first, second], original));
    });
  });

  it('names a forged record inserted past the chain head, even with a correctly computed hash', async () => {
    await withLogLock('exclusive', async () => {
      let forged = '';
      await withoutTriggers(async (db) => {
        const { rows } = await db.query<{ seq: string }>(
          `INSERT INTO audit_record (seq, kind, request_id, service, actor, actor_agency, actor_role, purpose, victim_id, type_name,
                                     fields, categories, decision, basis, prev_hash, hash)
           SELECT h.seq + 1, 'FIELD_ACCESS', 'forged-request', 'police', 'police-investigator-x', 'POLICE', 'INVESTIGATOR',
                  'INVESTIGATION', 'v-forged', 'Victim', '{alias}', '{IDENTITY}', 'ALLOW', '{OWN_RECORDS}', h.hash, ''
             FROM audit_chain_head h RETURNING seq::text AS seq`,
        );
        forged = rows[0]!.seq;
        await db.query(
          `UPDATE audit_record r SET hash = encode(sha256(convert_to(audit_record_canonical(r), 'UTF8')), 'hex')
            WHERE r.request_id = 'forged-request'`,
        );
      });
      await expectNamed(forged, () =>
        withoutTriggers(async (db) => {
          await db.query(`DELETE FROM audit_record WHERE request_id = 'forged-request'`);
        }),
      );
    });
  });

  describe('nobody changes the log while the triggers are on', () => {
    const writerUrl = (): string => {
      const url = new URL(postgresUrl('hub_audit'));
      url.username = 'hub_audit_writer';
      url.password = readFileSync(join(testHub().keysDir, 'audit-writer.secret'), 'utf8').trim();
      return url.toString();
    };

    /** The SQLSTATE a statement fails with, run in a transaction that is rolled back whatever happens. */
    const failure = async (url: string, sql: string): Promise<string> => {
      const db = new Client({ connectionString: url });
      await db.connect();
      try {
        await db.query('BEGIN');
        await db.query(sql);
        return 'succeeded';
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      } finally {
        await db.query('ROLLBACK').catch(() => undefined);
        await db.end();
      }
    };

    it('lets the services role insert payload only: UPDATE, DELETE, TRUNCATE and setting seq, hash or at are refused', async () => {
      const payload = `(kind, request_id, service) VALUES ('OPERATION', 'writer-role-test', 'gateway')`;
      expect(await failure(writerUrl(), `INSERT INTO audit_record ${payload}`)).toBe('succeeded');
      for (const sql of [
        `UPDATE audit_record SET actor = 'x' WHERE seq = 1`,
        `DELETE FROM audit_record WHERE seq = 1`,
        `TRUNCATE audit_record`,
        `INSERT INTO audit_record (seq, kind, request_id, service) VALUES (1, 'OPERATION', 'writer-role-test', 'gateway')`,
        `INSERT INTO audit_record (hash, kind, request_id, service) VALUES ('x', 'OPERATION', 'writer-role-test', 'gateway')`,
        `INSERT INTO audit_record (at, kind, request_id, service) VALUES (now() - interval '1 day', 'OPERATION', 'writer-role-test', 'gateway')`,
        `INSERT INTO audit_record (prev_hash, kind, request_id, service) VALUES ('x', 'OPERATION', 'writer-role-test', 'gateway')`,
        `UPDATE audit_chain_head SET seq = 0`,
        `SELECT count(*) FROM audit_record`,
      ]) {
        expect({ sql, code: await failure(writerUrl(), sql) }).toEqual({ sql, code: '42501' });
      }
    });

    it("refuses even the superuser's UPDATE, DELETE and TRUNCATE of the log, its partitions and its checkpoints", async () => {
      const partitions = await withAuditDb(
        async (db) =>
          (await db.query<{ name: string }>(`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'audit_record'::regclass`)).rows,
      );
      expect(partitions.length).toBeGreaterThanOrEqual(2);
      for (const sql of [
        `UPDATE audit_record SET actor = 'x' WHERE seq = 1`,
        `DELETE FROM audit_record WHERE seq = 1`,
        `TRUNCATE audit_record`,
        ...partitions.map((p) => `TRUNCATE ${p.name}`),
        // (a checkpoint of its own first, inside the rolled-back transaction: row triggers need a row)
        `INSERT INTO audit_checkpoint VALUES (0, 'x', now(), 'x'); UPDATE audit_checkpoint SET hash = 'y' WHERE seq = 0`,
        `INSERT INTO audit_checkpoint VALUES (0, 'x', now(), 'x'); DELETE FROM audit_checkpoint WHERE seq = 0`,
        `TRUNCATE audit_checkpoint`,
      ]) {
        expect({ sql, code: await failure(postgresUrl('hub_audit'), sql) }).toEqual({ sql, code: '42501' });
      }
    });
  });
});
