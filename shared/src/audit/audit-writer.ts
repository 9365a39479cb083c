import { Pool } from 'pg';
import type { HubCaller } from '../auth/hub-caller';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { FieldAccessRecord } from '../policy/access-controller';

/** An operation record: what the gateway writes once per request, refused requests included. */
export interface OperationRecord {
  requestId: string;
  caller: Partial<Pick<HubCaller, 'sub' | 'agency' | 'role' | 'purpose' | 'justification'>>;
  operationName: string | null;
  documentHash: string | null;
  outcome: string;
  durationMs: number;
}

const FIELD_COLUMNS = [
  'kind', 'request_id', 'service', 'actor', 'actor_agency', 'actor_role', 'purpose', 'justification',
  'victim_id', 'type_name', 'fields', 'denied_fields', 'categories', 'decision', 'basis', 'review_required',
] as const;
const OPERATION_COLUMNS = [
  'kind', 'request_id', 'service', 'actor', 'actor_agency', 'actor_role', 'purpose', 'justification',
  'operation_name', 'document_hash', 'outcome', 'duration_ms',
] as const;

const decisionOf = (record: FieldAccessRecord): string =>
  record.deniedFields.length === 0 ? 'ALLOW' : record.fields.length === 0 ? 'DENY' : 'PARTIAL';

const placeholders = (rows: number, columns: number): string =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`).join(', ');

/**
 * Writes the access log through the insert-only role `hub_audit_writer` (`AUDIT_WRITER_URL`).
 * One statement per request per service; the database chains each record (see the audit subgraph).
 * The pool reconnects on its own, so a service recovers when the audit store is back.
 */
export class AuditWriter {
  private readonly pool: Pool;

  constructor(
    url: string,
    private readonly service: string,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
  ) {
    this.pool = new Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 3000, statement_timeout: 5000 });
    this.pool.on('error', (error) => this.log.warn({ err: error }, 'audit store connection lost'));
  }

  /** Records what one request read and was refused. Throws when the records could not be written. */
  async writeFieldAccess(caller: HubCaller, records: readonly FieldAccessRecord[]): Promise<void> {
    if (records.length === 0) return;
    const values = records.flatMap((r) => [
      'FIELD_ACCESS', caller.requestId, this.service, caller.sub, caller.agency, caller.role, caller.purpose,
      caller.justification, r.victimId, r.typeName, r.fields, r.deniedFields, r.categories, decisionOf(r),
      [...r.bases, ...r.denialCodes.map((code) => `DENIED:${code}`)], r.review,
    ]);
    await this.timed('FIELD_ACCESS', () =>
      this.pool.query(
        `INSERT INTO audit_record (${FIELD_COLUMNS.join(', ')}) VALUES ${placeholders(records.length, FIELD_COLUMNS.length)}`,
        values,
      ),
    );
    this.metrics?.accessRecordsWritten.inc(records.length);
  }

  async writeOperation(record: OperationRecord): Promise<void> {
    await this.timed('OPERATION', () => this.pool.query(
      `INSERT INTO audit_record (${OPERATION_COLUMNS.join(', ')}) VALUES ${placeholders(1, OPERATION_COLUMNS.length)}`,
      [
        'OPERATION', record.requestId, this.service, record.caller.sub ?? null, record.caller.agency ?? null,
        record.caller.role ?? null, record.caller.purpose ?? null, record.caller.justification ?? null,
        record.operationName, record.documentHash, record.outcome, Math.round(record.durationMs),
      ],
    ));
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
}
