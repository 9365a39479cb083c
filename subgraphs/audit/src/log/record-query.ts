import type { LoggedRecord } from '@hub/shared/src/audit/record-form';

/** A record as stored: its canonical columns, the leaf hash, the audit service's seal and the writer's signature. */
export interface StoredRecord extends LoggedRecord {
  hash: string;
  seal: string;
  writerSignature: string | null;
}

/** `at` as the canonical form writes it: UTC, microseconds. */
export const AT_TEXT = `to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The columns of a StoredRecord, from `audit_record r`. */
export const STORED_RECORD_COLUMNS = `r.seq::text AS seq, ${AT_TEXT} AS at, r.kind, r.request_id AS "requestId",
  r.service AS subgraph, r.actor, r.actor_agency AS "actorAgency", r.actor_role AS "actorRole", r.purpose, r.justification,
  r.victim_id AS "victimId", r.type_name AS "typeName", r.fields, r.denied_fields AS "deniedFields", r.categories,
  r.received_categories AS "receivedCategories", r.decision, r.basis, r.review_required AS "reviewRequired",
  r.operation_name AS "operationName", r.document_hash AS "documentHash", r.outcome, r.duration_ms AS "durationMs",
  r.reviewed_seq::text AS "reviewedSeq", r.review_outcome AS "reviewOutcome", r.review_note AS "reviewNote",
  r.hash, r.seal, r.writer_signature AS "writerSignature"`;

/** The part of a DataSource, EntityManager or pg client the log's readers need. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const PAGE = 5000;

/** Records with seq in [from, to], in seq order (a repeated seq is read too), paged on (seq, at). */
export async function* storedRecords(db: Queryable, from: number, to: number): AsyncGenerator<StoredRecord> {
  let after: [string, string] = [String(from - 1), 'infinity'];
  for (;;) {
    const rows = (await db.query(
      `SELECT ${STORED_RECORD_COLUMNS}, r.at::text AS "atKey" FROM audit_record r
        WHERE (r.seq, r.at) > ($1::bigint, $2::timestamptz) AND r.seq <= $3 ORDER BY r.seq, r.at LIMIT ${PAGE}`,
      [...after, to],
    )) as (StoredRecord & { atKey: string })[];
    for (const { atKey: _key, ...row } of rows) yield row;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = [last.seq, last.atKey];
  }
}
