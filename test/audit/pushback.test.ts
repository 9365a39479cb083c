/**
 * Pushback: a service appends to the access log only while the log's sequencer is at most half a second behind, so
 * that every record is in a signed head within the log's 2 s bound at any inflow. Run on an audit database of
 * its own with no sequencer, where "behind" is made by hand: a pending record with an old timestamp.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { AuditWriter, DEFAULT_PUSHBACK, type HubCaller, Metrics } from '@hub/shared';
import { auditSubgraph } from '@hub/audit/src/definition';
import { testHub } from '../support/hub-info';
import { withSubgraphDatabase } from '../support/subgraph-database';

const caller = {
  requestId: 'pushback-test', sub: 'pushback-tester', agency: 'POLICE', role: 'INVESTIGATOR', purpose: 'INVESTIGATION',
  regions: [], justification: null,
} as unknown as HubCaller;
const pushback = { lagMs: 1000, waitMs: 1500, checkEveryMs: 50 };

/** A fresh audit database and a writer on it as a service has one: the insert-only role, its own key. */
const withWriter = (use: (db: DataSource, writer: AuditWriter, waits: () => Promise<number>) => Promise<void>): Promise<void> =>
  withSubgraphDatabase(auditSubgraph, async (db, database) => {
    const secret = readFileSync(join(testHub().keysDir, 'audit-writer.secret'), 'utf8').trim();
    const url = `postgres://hub_audit_writer:${encodeURIComponent(secret)}@127.0.0.1:${testHub().postgresPort}/${database}`;
    const metrics = new Metrics();
    const writer = new AuditWriter(url, 'police', pino({ level: 'silent' }), metrics, generateKeyPairSync('ed25519').privateKey, pushback);
    try {
      await use(db, writer, async () => (await metrics.accessLogPushbacks.get()).values[0]?.value ?? 0);
    } finally {
      await writer.close();
    }
  });

const write = (writer: AuditWriter, requestId: string): Promise<void> =>
  writer.writeOperation({ requestId, caller, operationName: 'Probe', documentHash: null, outcome: 'OK', durationMs: 1 });

const pendingIds = async (db: DataSource): Promise<string[]> =>
  ((await db.query(`SELECT request_id FROM audit_pending ORDER BY id`)) as { request_id: string }[]).map((r) => r.request_id);

/** What the sequencer leaves when it is `ms` behind: its oldest pending record is that old. */
const behindBy = (db: DataSource, ms: number): Promise<unknown> =>
  db.query(`INSERT INTO audit_pending (at, kind, request_id, writer) VALUES (clock_timestamp() - $1 * interval '1 millisecond', 'OPERATION', 'stale', 'police')`, [ms]);

describe('pushback from the access log', () => {
  it('in production a writer waits while the log is over half a second behind, and gives up after five seconds', () => {
    expect(DEFAULT_PUSHBACK).toEqual({ lagMs: 500, waitMs: 5000, checkEveryMs: 50 });
  });

  it('appends at once while the sequencer keeps up', () =>
    withWriter(async (db, writer, waits) => {
      await behindBy(db, 100);
      await write(writer, 'in-time');
      expect(await waits()).toBe(0);
      expect(await pendingIds(db)).toEqual(['stale', 'in-time']);
    }));

  it('waits while the sequencer is behind, and appends as soon as it has caught up', () =>
    withWriter(async (db, writer, waits) => {
      await behindBy(db, 3000);
      const started = Date.now();
      let appendedAt = 0;
      const writing = write(writer, 'waited').then(() => {
        appendedAt = Date.now();
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await pendingIds(db)).toEqual(['stale']); // not appended while behind
      await db.query(`DELETE FROM audit_pending WHERE request_id = 'stale'`); // the sequencer integrated it
      await writing;
      expect(appendedAt - started).toBeGreaterThanOrEqual(400);
      expect(await waits()).toBe(1);
      expect(await pendingIds(db)).toEqual(['waited']);
    }));

  it('fails, appending nothing, when the sequencer stays behind (the answer then fails closed)', () =>
    withWriter(async (db, writer) => {
      await behindBy(db, 3000);
      const started = Date.now();
      await expect(write(writer, 'refused')).rejects.toThrow(/behind .*nothing was appended/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(pushback.waitMs);
      expect(await pendingIds(db)).toEqual(['stale']);
    }));

  it('tells the writer role how far behind the log is, and nothing of what is pending', () =>
    withSubgraphDatabase(auditSubgraph, async (db) => {
      const [grants] = (await db.query(
        `SELECT has_function_privilege('hub_audit_writer', 'audit_integration_lag_ms()', 'EXECUTE') AS writer,
                has_table_privilege('hub_audit_writer', 'audit_pending', 'SELECT') AS reads_pending,
                EXISTS (SELECT 1 FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                         WHERE p.proname = 'audit_integration_lag_ms' AND a.grantee = 0) AS public`,
      )) as { writer: boolean; reads_pending: boolean; public: boolean }[];
      expect(grants).toEqual({ writer: true, reads_pending: false, public: false });
    }));
});
