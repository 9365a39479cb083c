/**
 * Tamper evidence of the transparency log, tried as a malicious database administrator would: the superuser,
 * with every trigger off. Each row of issue 9's table is done here and must be found, at the first altered
 * record, by `verifyAuditChain` and by `npm run audit:verify`; then the original rows are put back and both find
 * the log intact again. The services' role cannot change the log at all, and even the superuser's UPDATE,
 * DELETE and TRUNCATE are refused while the triggers are on.
 */
import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type LoggedRecord, recordLeafHash } from '@hub/shared/src/audit/record-form';
import { CompactRange } from '@hub/shared/src/audit/transparency/merkle';
import { LOG_ORIGIN, checkpointBody, formatNote, parseNote, signCheckpoint } from '@hub/shared/src/audit/transparency/signed-note';
import { queryAs } from '../support/client';
import { postgresUrl, testHub } from '../support/hub-info';
import { auditor, coordinator, emergency, logIntegrated, verifyThroughGateway, withAuditDb, withLogLock } from './audit-support';
import {
  auditPrivateKey,
  auditVerifyCli,
  expectFoundAt,
  restoreRows,
  runCli,
  snapshotRows,
  witnessStatus,
  witnessed,
  withoutTriggers,
} from './log-tampering';

const LOGGED_COLUMNS = `seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, kind, request_id AS "requestId",
  service AS subgraph, actor, actor_agency AS "actorAgency", actor_role AS "actorRole", purpose, justification, victim_id AS "victimId",
  type_name AS "typeName", fields, denied_fields AS "deniedFields", categories, received_categories AS "receivedCategories", decision,
  basis, review_required AS "reviewRequired", operation_name AS "operationName", document_hash AS "documentHash", outcome,
  duration_ms AS "durationMs", reviewed_seq::text AS "reviewedSeq", review_outcome AS "reviewOutcome", review_note AS "reviewNote"`;

/**
 * A field-access record with a field read, inside the witnessed log and before its last record. (The newest
 * such record: earlier in the run the log may hold only other services' records, e.g. statistics reads.)
 */
async function recordInTheMiddle(): Promise<string> {
  const size = await witnessed();
  return withAuditDb(async (db) => {
    const { rows } = await db.query<{ seq: string }>(
      `SELECT r.seq::text AS seq FROM audit_record r WHERE r.kind = 'FIELD_ACCESS' AND r.service = 'coordination' AND cardinality(r.fields) > 0
          AND r.seq BETWEEN 2 AND $1 ORDER BY r.seq DESC LIMIT 1`,
      [size - 1],
    );
    return rows[0]!.seq;
  });
}

const recordRows = (from: string, to: string) => snapshotRows('audit_record', 'seq BETWEEN $1 AND $2', [from, to]);
const restoreRecords = (from: string, to: string, original: string) => () =>
  withoutTriggers(async (db) => {
    await restoreRows(db, 'audit_record', 'seq BETWEEN $1 AND $2', [from, to], original);
  });

describe('the access log is tamper-evident (issue 9, every row of the table)', () => {
  beforeAll(async () => {
    // Enough history that there is a middle to tamper with and a tail of 40 to cut.
    for (let i = 0; i < 12; i += 1) await queryAs(coordinator, '{ victims(first: 4) { edges { node { id alias } } } }');
    await witnessed();
  });

  it('verifies an untouched log against a witnessed head: verifyAuditChain is ok and audit:verify exits 0', async () => {
    await withLogLock('shared', async () => {
      await witnessed();
      const api = await verifyThroughGateway();
      expect(api).toMatchObject({ ok: true, firstBadRecord: null });
      expect(api.checkedRecords).toBeGreaterThan(0);
      const cli = await auditVerifyCli();
      expect(cli.output).toContain('Access log intact');
      expect(cli.code).toBe(0);
    });
  });

  it('UPDATE of one record: found at that record', async () => {
    await withLogLock('exclusive', async () => {
      const seq = await recordInTheMiddle();
      const original = await recordRows(seq, seq);
      await withoutTriggers(async (db) => {
        await db.query(`UPDATE audit_record SET fields = '{}', decision = 'DENY' WHERE seq = $1`, [seq]);
      });
      await expectFoundAt(seq, restoreRecords(seq, seq, original), /content does not match its leaf hash/);
    });
  });

  it('DELETE of one record: found at that record', async () => {
    await withLogLock('exclusive', async () => {
      const seq = await recordInTheMiddle();
      const original = await recordRows(seq, seq);
      await withoutTriggers(async (db) => {
        await db.query(`DELETE FROM audit_record WHERE seq = $1`, [seq]);
      });
      await expectFoundAt(seq, restoreRecords(seq, seq, original), new RegExp(`record ${seq} is missing`));
    });
  });

  it('tail truncation (emergency accesses awaiting review among them), the tree rewound and every head and cosignature deleted: found at the first deleted record, by the witness', async () => {
    await withLogLock('exclusive', async () => {
      for (let i = 0; i < 3; i += 1) await queryAs(emergency, '{ victims(first: 2) { edges { node { id alias } } } }');
      const size = await witnessed();
      const first = String(size - Math.min(39, Math.floor(size / 2)));
      const flagged = await withAuditDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_record WHERE seq >= $1 AND review_required`, [first])).rows[0].n as number);
      expect(flagged).toBeGreaterThan(0);
      const records = await recordRows(first, String(size));
      const nodes = await snapshotRows('audit_tree_node', 'true', []);
      const heads = await snapshotRows('audit_tree_head', 'true', []);
      const cosignatures = await snapshotRows('audit_head_cosignature', 'true', []);
      await withoutTriggers(async (db) => {
        await db.query(`DELETE FROM audit_record WHERE seq >= $1`, [first]);
        await db.query(`DELETE FROM audit_tree_node WHERE idx * (1::bigint << level) >= $1::bigint - 1`, [first]);
        await db.query(`DELETE FROM audit_head_cosignature`);
        await db.query(`DELETE FROM audit_tree_head`);
      });
      const reason = await expectFoundAt(first, () =>
        withoutTriggers(async (db) => {
          await restoreRows(db, 'audit_record', 'false', [], records);
          await restoreRows(db, 'audit_tree_head', 'false', [], heads);
          await restoreRows(db, 'audit_head_cosignature', 'false', [], cosignatures);
          await restoreRows(db, 'audit_tree_node', 'false', [], nodes);
        }),
      );
      expect(reason).toMatch(/missing/);
    });
  });

  it('rewrite of every record from some point on with recomputed leaf hashes, and every head deleted: found at the first altered record', async () => {
    await withLogLock('exclusive', async () => {
      const first = await recordInTheMiddle();
      const size = String(await witnessed());
      const records = await recordRows(first, size);
      const heads = await snapshotRows('audit_tree_head', 'true', []);
      const cosignatures = await snapshotRows('audit_head_cosignature', 'true', []);
      await withoutTriggers(async (db) => {
        await db.query(`UPDATE audit_record SET actor = 'someone-else' WHERE seq >= $1`, [first]);
        const { rows } = await db.query<LoggedRecord>(`SELECT ${LOGGED_COLUMNS} FROM audit_record WHERE seq >= $1`, [first]);
        for (const row of rows) await db.query(`UPDATE audit_record SET hash = $2 WHERE seq = $1`, [row.seq, recordLeafHash(row).toString('hex')]);
        await db.query(`DELETE FROM audit_head_cosignature`);
        await db.query(`DELETE FROM audit_tree_head`);
      });
      await expectFoundAt(
        first,
        () =>
          withoutTriggers(async (db) => {
            await restoreRows(db, 'audit_record', 'seq >= $1 AND seq <= $2', [first, size], records);
            await restoreRows(db, 'audit_tree_head', 'false', [], heads);
            await restoreRows(db, 'audit_head_cosignature', 'false', [], cosignatures);
          }),
        /seal/,
      );
    });
  });

  it("fork: a second head of the same size with another root (signed with the stolen audit key) is refused by the witness, and the altered record is found by its writer's signature", async () => {
    await withLogLock('exclusive', async () => {
      const seq = await recordInTheMiddle();
      const size = await witnessed();
      const original = await recordRows(seq, seq);
      const refusalsBefore = (await witnessStatus()).refusals;
      const key = auditPrivateKey();
      let forkedNote = '';
      await withoutTriggers(async (db) => {
        await db.query(`UPDATE audit_record SET victim_id = 'v-someone-else' WHERE seq = $1`, [seq]);
        const [row] = (await db.query<LoggedRecord>(`SELECT ${LOGGED_COLUMNS} FROM audit_record WHERE seq = $1`, [seq])).rows;
        const leaf = recordLeafHash(row!);
        await db.query(`UPDATE audit_record SET hash = $2, seal = $3 WHERE seq = $1`, [seq, leaf.toString('hex'), sign(null, leaf, key).toString('base64')]);
        const leaves = (await db.query<{ idx: string; hash: Buffer }>(`SELECT idx::text AS idx, hash FROM audit_tree_node WHERE level = 0 AND idx < $1 ORDER BY idx`, [size])).rows;
        const range = CompactRange.empty();
        for (const l of leaves) range.append(Number(l.idx) === Number(seq) - 1 ? leaf : l.hash);
        const body = checkpointBody({ origin: LOG_ORIGIN, size, root: range.root() });
        forkedNote = formatNote({ body, signatures: [signCheckpoint(body, 'audit', key)] });
      });
      // The forked view is shown to the witness: same size, other root.
      const answer = await fetch(`${testHub().services.witness!.url}/add-checkpoint`, { method: 'POST', body: `old ${size}\n\n${forkedNote}` });
      expect(answer.status).toBe(409);
      expect((await witnessStatus()).refusals).toBe(refusalsBefore + 1);
      // Two parties compare what they were shown: the offline verifier names the fork.
      const dir = mkdtempSync(join(tmpdir(), 'fork-'));
      try {
        const honest = await (await fetch(`${testHub().services.witness!.url}/checkpoint`)).text();
        const headsFile = join(dir, 'heads.json');
        const exportFile = join(dir, 'log.ndjson');
        writeFileSync(headsFile, JSON.stringify({ heads: [honest, forkedNote] }));
        await runCli('subgraphs/audit/src/cli/export-cli.ts', ['--out', exportFile]);
        const offline = await auditVerifyCli(['--export', exportFile, '--heads', headsFile]);
        expect(offline.code).toBe(1);
        expect(offline.output).toContain(`record ${seq} no longer fits`);
        expect(parseNote(forkedNote).body).not.toBe(parseNote(honest).body);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await expectFoundAt(seq, restoreRecords(seq, seq, original), /signature of its writer/);
    });
  });

  describe('a month detached', () => {
    const reattachDefault = () =>
      withAuditDb(async (db) => {
        const { rowCount } = await db.query(`SELECT 1 FROM pg_inherits WHERE inhrelid = 'audit_record_default'::regclass`);
        if (rowCount === 0) await db.query(`ALTER TABLE audit_record ATTACH PARTITION audit_record_default DEFAULT`);
      });

    /** Five records of last month, integrated as their own batch (the sequencer never mixes months). */
    async function lastMonthRecords(): Promise<{ first: string; last: string }> {
      await withAuditDb(async (db) => {
        await db.query(
          `INSERT INTO audit_pending (at, kind, request_id, writer, writer_signature)
           SELECT date_trunc('month', now()) - interval '3 days' + n * interval '1 second', 'OPERATION', 'last-month-' || n, 'gateway', NULL
             FROM generate_series(1, 5) AS n`,
        );
      });
      await witnessed();
      return withAuditDb(async (db) => {
        const { rows } = await db.query<{ first: string; last: string }>(
          `SELECT min(seq)::text AS first, max(seq)::text AS last FROM audit_record WHERE request_id LIKE 'last-month-%'`,
        );
        return rows[0]!;
      });
    }

    it('DETACH of a month without archiving it: found at its first record; verification of the rest does not start over at record 1', async () => {
      await withLogLock('exclusive', async () => {
        const { first } = await lastMonthRecords();
        await withAuditDb((db) => db.query(`ALTER TABLE audit_record DETACH PARTITION audit_record_default`));
        await expectFoundAt(first, reattachDefault, new RegExp(`record ${first} is missing`));
      });
    });

    it('archived with audit:archive: the rest verifies, and the archived month verifies offline against the heads at its boundaries', async () => {
      await withLogLock('exclusive', async () => {
        const held = await withAuditDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_record_default`)).rows[0].n as number);
        if (held === 0) await lastMonthRecords();
        await witnessed();
        const dir = mkdtempSync(join(tmpdir(), 'archive-'));
        try {
          const archive = await runCli('subgraphs/audit/src/cli/archive-cli.ts', [
            '--partition', 'audit_record_default', '--out', join(dir, 'month.ndjson'), '--heads-out', join(dir, 'heads.json'),
          ]);
          expect(archive.output).toContain('Archived records');
          expect(archive.code).toBe(0);
          await queryAs(coordinator, '{ victims(first: 2) { edges { node { id alias } } } }');
          await witnessed();
          const rest = await queryAs<{ verifyAuditChain: { ok: boolean; archivedRecords: number; reason: string | null } }>(
            auditor,
            '{ verifyAuditChain { ok archivedRecords reason } }',
          );
          expect(rest.data!.verifyAuditChain).toMatchObject({ ok: true });
          expect(rest.data!.verifyAuditChain.archivedRecords).toBeGreaterThanOrEqual(5);
          expect((await auditVerifyCli()).code).toBe(0);
          const offline = await auditVerifyCli(['--export', join(dir, 'month.ndjson'), '--heads', join(dir, 'heads.json')]);
          expect(offline.output).toContain('Access log intact');
          expect(offline.code).toBe(0);
          // One altered byte of the archived export (a microsecond of `at`) is found at that record.
          const lines = readFileSync(join(dir, 'month.ndjson'), 'utf8').split('\n');
          const index = lines.findIndex((l) => l.includes('"requestId":"last-month-3"'));
          const altered = JSON.parse(lines[index]!) as { seq: string; at: string };
          lines[index] = JSON.stringify({ ...altered, at: altered.at.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)) });
          writeFileSync(join(dir, 'month.ndjson'), lines.join('\n'));
          const broken = await auditVerifyCli(['--export', join(dir, 'month.ndjson'), '--heads', join(dir, 'heads.json')]);
          expect(broken.code).toBe(1);
          expect(broken.output).toContain(`record ${altered.seq} no longer fits`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
          await withoutTriggers(async (db) => {
            await db.query(`DELETE FROM audit_archive WHERE partition = 'audit_record_default'`);
          });
          await reattachDefault();
        }
        expect(await verifyThroughGateway()).toMatchObject({ ok: true });
      });
    });
  });

  it('verifies incrementally: after a full verification, only the records since the last witnessed head are replayed', async () => {
    await withLogLock('shared', async () => {
      await witnessed();
      const auditorIdentity = auditor;
      type V = { verifyAuditChain: { ok: boolean; mode: string; checkedRecords: number; treeSize: number; reason: string | null } };
      const full = (await queryAs<V>(auditorIdentity, '{ verifyAuditChain { ok mode checkedRecords treeSize } }')).data!.verifyAuditChain;
      expect(full).toMatchObject({ ok: true, mode: 'FULL' });
      await queryAs(coordinator, '{ victims(first: 1) { edges { node { id } } } }');
      await witnessed();
      const next = (await queryAs<V>(auditorIdentity, '{ verifyAuditChain(incremental: true) { ok mode checkedRecords treeSize reason } }')).data!
        .verifyAuditChain;
      expect(next).toMatchObject({ ok: true, mode: 'INCREMENTAL', reason: null });
      expect(next.treeSize).toBeGreaterThan(full.treeSize);
      expect(next.checkedRecords).toBeLessThan(full.checkedRecords);
      expect(next.checkedRecords).toBeLessThanOrEqual(next.treeSize - full.treeSize + 5);
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

    it('lets the services role insert signed payloads into the pending queue only: the log, its tree, the review flag and reviews are out of reach', async () => {
      const payload = `(kind, request_id, writer) VALUES ('OPERATION', 'writer-role-test', 'gateway')`;
      expect(await failure(writerUrl(), `INSERT INTO audit_pending ${payload}`)).toBe('succeeded');
      for (const sql of [
        `INSERT INTO audit_record (seq, kind, request_id, service, hash, seal) VALUES (1, 'OPERATION', 'x', 'gateway', '', '')`,
        `UPDATE audit_record SET actor = 'x' WHERE seq = 1`,
        `DELETE FROM audit_record WHERE seq = 1`,
        `TRUNCATE audit_record`,
        `DELETE FROM audit_pending`,
        `UPDATE audit_pending SET writer = 'police'`,
        `INSERT INTO audit_pending (at, kind, request_id, writer) VALUES (now() - interval '1 day', 'OPERATION', 'x', 'gateway')`,
        `INSERT INTO audit_pending (id, kind, request_id, writer) VALUES (1, 'OPERATION', 'x', 'gateway')`,
        `INSERT INTO audit_pending (reviewed_seq, review_outcome, kind, request_id, writer) VALUES (1, 'JUSTIFIED', 'REVIEW', 'x', 'audit')`,
        `INSERT INTO audit_tree_node VALUES (0, 999999999, '\\x00')`,
        `INSERT INTO audit_tree_head (size, root, checkpoint) VALUES (999999999, '\\x00', 'x')`,
        `SELECT count(*) FROM audit_record`,
        `SELECT count(*) FROM audit_pending`,
      ]) {
        expect({ sql, code: await failure(writerUrl(), sql) }).toEqual({ sql, code: '42501' });
      }
    });

    it("refuses even the superuser's UPDATE, DELETE and TRUNCATE of the log, its partitions, its tree and its heads", async () => {
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
        `UPDATE audit_tree_node SET hash = '\\x00' WHERE level = 0 AND idx = 0`,
        `DELETE FROM audit_tree_node WHERE level = 0 AND idx = 0`,
        `TRUNCATE audit_tree_node`,
        `DELETE FROM audit_tree_head`,
        `TRUNCATE audit_tree_head CASCADE`,
        `DELETE FROM audit_head_cosignature`,
      ]) {
        expect({ sql, code: await failure(postgresUrl('hub_audit'), sql) }).toEqual({ sql, code: '42501' });
      }
    });
  });

  afterAll(async () => {
    await logIntegrated();
  });
});
