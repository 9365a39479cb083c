import { type KeyObject, sign, verify } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger, Metrics } from '@hub/shared';
import { type LoggedRecord, type WriterPayload, recordLeafHash, requiresReview, writerPayloadForm } from '@hub/shared/src/audit/record-form';
import { CompactRange, type Hash } from '@hub/shared/src/audit/transparency/merkle';
import { LOG_ORIGIN, checkpointBody, formatNote, signCheckpoint } from '@hub/shared/src/audit/transparency/signed-note';
import { LOG_SIGNER } from './log-keys';
import { AT_TEXT } from './record-query';
import { storedNodes, storedTreeSize } from './tree-store';

/** At most this many pending records per batch (one transaction, one signed head). */
const BATCH = 1000;
/** Only one sequencer integrates at a time, whatever runs. */
const SEQUENCER_LOCK = 4_242_009;

interface PendingRow extends Omit<WriterPayload, 'reviewedSeq'> {
  id: string;
  at: string;
  month: string;
  writerSignature: string | null;
  reviewedSeq: string | null;
}

export interface SignedHead {
  size: number;
  root: Hash;
  note: string;
}

/**
 * Integrates pending records into the log, Tessera-style: one transaction per batch takes the oldest pending
 * rows, gives each the next leaf index, checks the writer's signature (the writer is the service whose key
 * signed, never what the payload says; a REVIEW counts only from the audit service), computes the review flag,
 * seals the leaf hash with the audit key, stores the new perfect subtrees and signs the new tree head, then
 * deletes the pending rows. A batch never spans two months, so every month starts and ends at a signed head.
 */
export class Sequencer {
  private range: CompactRange | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: KeyObject,
    private readonly writers: Map<string, KeyObject>,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  /** Integrates one batch; returns the new signed head, or null when nothing was pending. */
  async integrate(): Promise<SignedHead | null> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = (await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEQUENCER_LOCK])) as [{ locked: boolean }];
      if (!locked) return null;
      const rows = (await tx.query(
        `SELECT p.id::text AS id, ${AT_TEXT.replace('r.at', 'p.at')} AS at, to_char(p.at, 'YYYY-MM') AS month, p.kind,
                p.request_id AS "requestId", p.writer, p.writer_signature AS "writerSignature", p.actor, p.actor_agency AS "actorAgency",
                p.actor_role AS "actorRole", p.purpose, p.justification, p.victim_id AS "victimId", p.type_name AS "typeName", p.fields,
                p.denied_fields AS "deniedFields", p.categories, p.received_categories AS "receivedCategories", p.decision, p.basis,
                p.operation_name AS "operationName", p.document_hash AS "documentHash", p.outcome, p.duration_ms AS "durationMs",
                p.reviewed_seq::text AS "reviewedSeq", p.review_outcome AS "reviewOutcome", p.review_note AS "reviewNote"
           FROM audit_pending p ORDER BY p.id LIMIT ${BATCH}`,
      )) as PendingRow[];
      if (rows.length === 0) return null;
      const batch = rows.filter((r) => r.month === rows[0]!.month);
      const range = (this.range ?? (await CompactRange.load(storedNodes(tx), await storedTreeSize(tx)))).clone();
      const records: Record<string, unknown>[] = [];
      const nodes: { level: number; index: number; hash: Hash }[] = [];
      let unverified = 0;
      for (const row of batch) {
        const writer = this.verifiedWriter(row);
        if (writer === 'unverified') unverified += 1;
        const record: LoggedRecord = {
          seq: String(range.size + 1), at: row.at, kind: row.kind, requestId: row.requestId, subgraph: writer, actor: row.actor,
          actorAgency: row.actorAgency, actorRole: row.actorRole, purpose: row.purpose, justification: row.justification,
          victimId: row.victimId, typeName: row.typeName, fields: row.fields, deniedFields: row.deniedFields, categories: row.categories,
          receivedCategories: row.receivedCategories, decision: row.decision, basis: row.basis,
          reviewRequired: writer !== 'unverified' && requiresReview(row), operationName: row.operationName,
          documentHash: row.documentHash, outcome: row.outcome, durationMs: row.durationMs, reviewedSeq: row.reviewedSeq,
          reviewOutcome: row.reviewOutcome, reviewNote: row.reviewNote,
        };
        const leaf = recordLeafHash(record);
        nodes.push(...range.append(leaf));
        records.push({
          seq: record.seq, at: record.at, kind: record.kind, request_id: record.requestId, service: record.subgraph,
          actor: record.actor, actor_agency: record.actorAgency, actor_role: record.actorRole, purpose: record.purpose,
          justification: record.justification, victim_id: record.victimId, type_name: record.typeName, fields: record.fields,
          denied_fields: record.deniedFields, categories: record.categories, received_categories: record.receivedCategories,
          decision: record.decision, basis: record.basis, review_required: record.reviewRequired, operation_name: record.operationName,
          document_hash: record.documentHash, outcome: record.outcome, duration_ms: record.durationMs,
          reviewed_seq: record.reviewedSeq, review_outcome: record.reviewOutcome, review_note: record.reviewNote,
          hash: leaf.toString('hex'), seal: sign(null, leaf, this.key).toString('base64'), writer_signature: row.writerSignature,
        });
      }
      await tx.query(`INSERT INTO audit_record SELECT * FROM json_populate_recordset(NULL::audit_record, $1::json)`, [JSON.stringify(records)]);
      await tx.query(`INSERT INTO audit_tree_node (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`, [
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        nodes.map((n) => n.hash),
      ]);
      await tx.query(`DELETE FROM audit_pending WHERE id = ANY($1::bigint[])`, [batch.map((r) => r.id)]);
      const head = this.signHead(range);
      await tx.query(`INSERT INTO audit_tree_head (size, root, checkpoint) VALUES ($1, $2, $3)`, [head.size, head.root, head.note]);
      this.range = range;
      this.metrics.increment('hub_access_records_integrated_total', {}, batch.length);
      if (unverified > 0) {
        this.metrics.increment('hub_access_records_unverified_total', {}, unverified);
        this.log.error({ unverified }, 'ALERT: access records whose writer signature does not check were logged as unverified');
      }
      return head;
    }).catch((error: unknown) => {
      this.range = null; // reload the tree's edge from the database next time
      throw error;
    });
  }

  private verifiedWriter(row: PendingRow): string {
    const key = this.writers.get(row.writer);
    if (!key || !row.writerSignature) return 'unverified';
    if (row.kind === 'REVIEW' && row.writer !== LOG_SIGNER) return 'unverified';
    const ok = verify(null, Buffer.from(writerPayloadForm(row), 'utf8'), key, Buffer.from(row.writerSignature, 'base64'));
    return ok ? row.writer : 'unverified';
  }

  private signHead(range: CompactRange): SignedHead {
    const root = range.root();
    const body = checkpointBody({ origin: LOG_ORIGIN, size: range.size, root });
    return { size: range.size, root, note: formatNote({ body, signatures: [signCheckpoint(body, LOG_SIGNER, this.key)] }) };
  }
}
