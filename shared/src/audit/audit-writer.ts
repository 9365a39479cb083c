import { type KeyObject, sign } from 'node:crypto';
import { Pool } from 'pg';
import type { HubCaller } from '../auth/hub-caller';
import { loadServiceKeys } from '../auth/service-keys';
import { accessLogged } from '../benchmark/unguarded-mode';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { FieldAccessRecord } from '../policy/access-controller';
import { type WriterPayload, writerPayloadForm } from './record-form';

/** An operation record: what the gateway writes once per request, refused requests included. */
export interface OperationRecord {
  requestId: string;
  caller: Partial<Pick<HubCaller, 'sub' | 'agency' | 'role' | 'purpose' | 'justification'>>;
  operationName: string | null;
  documentHash: string | null;
  outcome: string;
  durationMs: number;
}

/** What a writer may insert into `audit_pending`; sequence number, time and review flag are the log's. */
const PENDING_COLUMNS = [
  'kind', 'request_id', 'writer', 'writer_signature', 'actor', 'actor_agency', 'actor_role', 'purpose', 'justification',
  'victim_id', 'type_name', 'fields', 'denied_fields', 'categories', 'received_categories', 'decision', 'basis',
  'operation_name', 'document_hash', 'outcome', 'duration_ms',
] as const;

const decisionOf = (record: FieldAccessRecord): string =>
  record.deniedFields.length === 0 ? 'ALLOW' : record.fields.length === 0 ? 'DENY' : 'PARTIAL';

/** Received categories: as noted, or (from a record that does not say) all of them only when nothing was refused. */
const receivedOf = (r: FieldAccessRecord): string[] =>
  r.receivedCategories ?? (r.deniedFields.length === 0 && r.fields.length > 0 ? r.categories : []);

const placeholders = (rows: number, columns: number): string =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`).join(', ');

/** The payload as pending-row values (column order of PENDING_COLUMNS), with the writer's signature. */
const rowOf = (p: WriterPayload, signature: string): unknown[] => [
  p.kind, p.requestId, p.writer, signature, p.actor, p.actorAgency, p.actorRole, p.purpose, p.justification, p.victimId,
  p.typeName, p.fields, p.deniedFields, p.categories, p.receivedCategories, p.decision, p.basis, p.operationName,
  p.documentHash, p.outcome, p.durationMs,
];

/**
 * Pushback, as Tessera's: the log promises that a record is in a signed tree head within {@link
 * INTEGRATION_BOUND_MS} of its insert. A writer appends only while the sequencer is at most `lagMs` behind (the
 * age of the oldest pending record, asked at most every `checkEveryMs` per process); otherwise it waits, so
 * that under overload the hub slows to what the log can sequence instead of piling up records a database
 * administrator could delete before any head covers them. When the log stays behind for `waitMs` (its
 * sequencer is down), the write fails, and with it the answer (AUDIT_UNAVAILABLE: fail closed).
 */
export interface Pushback {
  lagMs: number;
  waitMs: number;
  checkEveryMs: number;
}

/** How soon an appended record is covered by a signed head, at any inflow (measured by `npm run bench:log`). */
export const INTEGRATION_BOUND_MS = 2000;
export const DEFAULT_PUSHBACK: Pushback = { lagMs: 500, waitMs: 5000, checkEveryMs: 50 };

/**
 * Writes the access log through the insert-only role `hub_audit_writer` (`AUDIT_WRITER_URL`), as itself: every
 * record is signed with this service's own key, and the audit service records the writer from that signature.
 * Concurrent requests' records are inserted together (group commit, `flush`) into `audit_pending`, with no lock
 * shared with other writers; the audit service's sequencer integrates pending records into the log's Merkle tree
 * within about a second. A caller's records have committed (are durable) before it goes on, so callers fail
 * closed when it throws.
 * The pool reconnects on its own, so a service recovers when the audit store is back.
 */
export class AuditWriter {
  private readonly pool: Pool;
  private key: Promise<KeyObject> | null = null;
  private lag: { ms: number; at: number } = { ms: 0, at: 0 };
  private lagQuery: Promise<void> | null = null;
  /** Appends waiting for the next group commit, and whether one is being written (see `flush`). */
  private waiting: { values: unknown[]; rows: number; done: (error?: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    url: string,
    private readonly service: string,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
    signingKey?: KeyObject,
    private readonly pushback: Pushback = DEFAULT_PUSHBACK,
  ) {
    this.pool = new Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 10_000, statement_timeout: 5000 });
    this.pool.on('error', (error) => this.log.warn({ err: error }, 'audit store connection lost'));
    if (signingKey) this.key = Promise.resolve(signingKey);
  }

  /**
   * Records what one request read and was refused. Throws when the records could not be written. (In the
   * benchmark's unguarded mode only — benchmark/unguarded-mode.ts — this and writeOperation append nothing.)
   */
  async writeFieldAccess(caller: HubCaller, records: readonly FieldAccessRecord[]): Promise<void> {
    if (records.length === 0 || !accessLogged()) return;
    await this.timed('FIELD_ACCESS', () => this.insert(
      records.map((r) => ({
        kind: 'FIELD_ACCESS', requestId: caller.requestId, writer: this.service, actor: caller.sub, actorAgency: caller.agency,
        actorRole: caller.role, purpose: caller.purpose, justification: caller.justification ?? null, victimId: r.victimId,
        typeName: r.typeName, fields: r.fields, deniedFields: r.deniedFields, categories: r.categories,
        receivedCategories: receivedOf(r), decision: decisionOf(r),
        basis: [...r.bases, ...r.denialCodes.map((code) => `DENIED:${code}`)], operationName: null, documentHash: null,
        outcome: null, durationMs: null, reviewedSeq: null, reviewOutcome: null, reviewNote: null,
      })),
    ));
    this.metrics?.accessRecordsWritten.inc(records.length);
  }

  async writeOperation(record: OperationRecord): Promise<void> {
    if (!accessLogged()) return;
    await this.timed('OPERATION', () => this.insert([
      {
        kind: 'OPERATION', requestId: record.requestId, writer: this.service, actor: record.caller.sub ?? null,
        actorAgency: record.caller.agency ?? null, actorRole: record.caller.role ?? null, purpose: record.caller.purpose ?? null,
        justification: record.caller.justification ?? null, victimId: null, typeName: null, fields: [], deniedFields: [],
        categories: [], receivedCategories: [], decision: null, basis: [], operationName: record.operationName,
        documentHash: record.documentHash, outcome: record.outcome, durationMs: Math.round(record.durationMs),
        reviewedSeq: null, reviewOutcome: null, reviewNote: null,
      },
    ]));
  }

  /** The comment on the access log's database (the benchmark's mark: benchmark/unguarded-mode.ts), null when none. */
  async databaseMark(): Promise<string | null> {
    const { rows } = await this.pool.query<{ mark: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = current_database()",
    );
    return rows[0]?.mark ?? null;
  }

  /** Readiness: the audit store accepts this service's connection. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  private async timed(kind: 'FIELD_ACCESS' | 'OPERATION', write: () => Promise<unknown>): Promise<void> {
    if (!this.metrics) {
      await write();
      return;
    }
    try {
      await this.metrics.time(this.metrics.accessLogWriteDuration, { kind }, write);
    } catch (error) {
      this.metrics.accessLogFailures.inc({ kind });
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private signingKey(): Promise<KeyObject> {
    this.key ??= (async () => {
      const dir = process.env.HUB_KEYS_DIR;
      if (!dir) throw new Error('HUB_KEYS_DIR is not set: the access-log writer signs with its service key');
      return (await loadServiceKeys(dir, this.service)).signingKey as KeyObject;
    })();
    return this.key;
  }

  /** Waits while the sequencer is more than `lagMs` behind; throws when it stays so for `waitMs`. */
  private async admitted(): Promise<void> {
    const giveUp = Date.now() + this.pushback.waitMs;
    for (let waited = false; ; waited = true) {
      if (Date.now() - this.lag.at >= this.pushback.checkEveryMs) {
        // One question in flight per process, however many requests wait for its answer.
        this.lagQuery ??= this.pool
          .query<{ ms: number }>('SELECT audit_integration_lag_ms() AS ms')
          .then(({ rows }) => {
            this.lag = { ms: rows[0]!.ms, at: Date.now() };
          })
          .finally(() => {
            this.lagQuery = null;
          });
        await this.lagQuery;
      }
      if (this.lag.ms <= this.pushback.lagMs) {
        if (waited) this.metrics?.accessLogPushbacks.inc();
        return;
      }
      if (Date.now() >= giveUp) {
        throw new Error(`the access log's sequencer has been ${this.lag.ms} ms behind for ${this.pushback.waitMs} ms; nothing was appended`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.pushback.checkEveryMs));
    }
  }

  private async insert(payloads: WriterPayload[]): Promise<void> {
    await this.admitted();
    const key = await this.signingKey();
    const values = payloads.flatMap((p) => rowOf(p, sign(null, Buffer.from(writerPayloadForm(p), 'utf8'), key).toString('base64')));
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ values, rows: payloads.length, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.flushing) void this.flush();
    });
  }

  /**
   * Group commit: while one append is being written, the appends of the requests that arrive meanwhile wait, and
   * the next transaction writes them all — one statement and one commit (one fsync) for many requests under load,
   * no waiting at all for a lone one. Every caller still returns only once its own records have committed. When
   * a group fails, each of its appends is written again on its own, so that one bad append fails only its request.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0);
        try {
          await this.write(group.flatMap((g) => g.values), group.reduce((n, g) => n + g.rows, 0));
          for (const g of group) g.done();
          this.metrics?.accessLogAppendGroup.observe(group.length);
        } catch (error) {
          if (group.length === 1) {
            group[0]!.done(error);
            continue;
          }
          for (const g of group) await this.write(g.values, g.rows).then(() => g.done(), (alone: unknown) => g.done(alone ?? error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Inserts `rows` pending rows (their values in PENDING_COLUMNS order) in one transaction. */
  private async write(values: unknown[], rows: number): Promise<void> {
    const columns = PENDING_COLUMNS.length;
    const statement = (n: number) => `INSERT INTO audit_pending (${PENDING_COLUMNS.join(', ')}) VALUES ${placeholders(n, columns)}`;
    // Chunked: PostgreSQL takes at most 65,535 parameters per statement; one transaction keeps the group atomic.
    const perStatement = Math.floor(65_535 / columns);
    if (rows <= perStatement) {
      await this.pool.query(statement(rows), values);
      return;
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (let i = 0; i < rows; i += perStatement) {
        const n = Math.min(perStatement, rows - i);
        await client.query(statement(n), values.slice(i * columns, (i + n) * columns));
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
