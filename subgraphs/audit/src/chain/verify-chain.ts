import { createHash } from 'node:crypto';
import { type JWTVerifyGetKey, compactVerify } from 'jose';
import type { DataSource } from 'typeorm';

export const GENESIS_HASH = '0'.repeat(64);
const BATCH = 5000;
/** The service whose key signs checkpoints (see checkpoints.ts: the audit subgraph's own key). */
const CHECKPOINT_SIGNER = 'audit';

export interface ChainVerification {
  ok: boolean;
  checkedRecords: number;
  /** Sequence number of the first record that no longer fits, or null. */
  firstBadRecord: string | null;
  reason: string | null;
  checkpointsChecked: number;
}

interface ChainRow {
  seq: string;
  /** `at` as text, to page on (seq, at) exactly: a Date would lose the microseconds. */
  at_key: string;
  hash: string;
  prev_hash: string;
  canonical: string;
}

/** The part of a DataSource or EntityManager verification needs. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Re-computes the chain from the first record: each record's hash must be SHA-256 of its canonical form
 * (which includes the previous hash), sequence numbers must run without gaps or repeats, the head must match
 * the last record, and every signed checkpoint must carry a valid signature and the hash of the record at its
 * seq. An altered, deleted, reordered or inserted record is named by its sequence number.
 * Reads one snapshot (REPEATABLE READ), so records written while it runs do not look like a broken chain.
 */
export async function verifyChain(dataSource: DataSource, trusted: JWTVerifyGetKey): Promise<ChainVerification> {
  return dataSource.transaction('REPEATABLE READ', (manager) => verifySnapshot(manager, trusted));
}

async function verifySnapshot(db: Queryable, trusted: JWTVerifyGetKey): Promise<ChainVerification> {
  const checkpoints = (await db.query(`SELECT seq::text AS seq, hash, signature FROM audit_checkpoint c ORDER BY c.seq`)) as {
    seq: string;
    hash: string;
    signature: string;
  }[];
  const checkpointAt = new Map(checkpoints.map((c) => [c.seq, c]));
  const bad = (seq: string, reason: string, checked: number): ChainVerification => ({
    ok: false,
    checkedRecords: checked,
    firstBadRecord: seq,
    reason,
    checkpointsChecked: 0,
  });

  let expectedSeq = 1n;
  let previous = GENESIS_HASH;
  let checked = 0;
  let checkpointsChecked = 0;
  // Keyset paging on the primary key (seq, at): a record that repeats a seq is read too, never skipped.
  let after: [string, string] = ['0', '-infinity'];
  for (;;) {
    const rows = (await db.query(
      `SELECT seq::text AS seq, at::text AS at_key, hash, prev_hash, audit_record_canonical(r) AS canonical
         FROM audit_record r WHERE (r.seq, r.at) > ($1::bigint, $2::timestamptz) ORDER BY r.seq, r.at LIMIT ${BATCH}`,
      after,
    )) as ChainRow[];
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq < expectedSeq) return bad(row.seq, `a second record claims position ${row.seq}`, checked);
      if (seq !== expectedSeq) return bad(expectedSeq.toString(), `record ${expectedSeq} is missing`, checked);
      if (row.prev_hash !== previous) return bad(row.seq, 'it does not point at the record before it', checked);
      const computed = createHash('sha256').update(row.canonical, 'utf8').digest('hex');
      if (computed !== row.hash) return bad(row.seq, 'its content does not match its hash', checked);
      const checkpoint = checkpointAt.get(row.seq);
      if (checkpoint) {
        if (checkpoint.hash !== row.hash) return bad(row.seq, 'it differs from the signed checkpoint', checked);
        checkpointsChecked += 1;
      }
      previous = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1]!;
    after = [last.seq, last.at_key];
  }
  const lastSeq = expectedSeq - 1n;
  const [head] = (await db.query(`SELECT seq::text AS seq, hash FROM audit_chain_head WHERE id = 1`)) as { seq: string; hash: string }[];
  if (!head) return bad(expectedSeq.toString(), 'the chain head is missing', checked);
  const headSeq = BigInt(head.seq);
  if (headSeq < lastSeq) {
    return bad((headSeq + 1n).toString(), `the chain head names record ${headSeq}: records after it were not written through the log`, checked);
  }
  if (headSeq > lastSeq) {
    return bad(expectedSeq.toString(), `the chain head names record ${head.seq}: records after ${lastSeq} are missing`, checked);
  }
  if (head.hash !== previous) return bad(head.seq, 'it differs from the chain head', checked);
  for (const checkpoint of checkpoints) {
    try {
      const { payload, protectedHeader } = await compactVerify(checkpoint.signature, trusted);
      // Only the audit service signs checkpoints: another service's valid signature does not count.
      if (protectedHeader.kid !== CHECKPOINT_SIGNER) throw new Error('not signed by the audit service');
      const signed = JSON.parse(new TextDecoder().decode(payload)) as { seq: string; hash: string };
      if (signed.seq !== checkpoint.seq || signed.hash !== checkpoint.hash) throw new Error('payload differs');
    } catch {
      return bad(checkpoint.seq, 'the checkpoint at this record is not validly signed', checked);
    }
    if (BigInt(checkpoint.seq) >= expectedSeq) {
      return bad(checkpoint.seq, 'a signed checkpoint names this record, which is missing', checked);
    }
  }
  return { ok: true, checkedRecords: checked, firstBadRecord: null, reason: null, checkpointsChecked };
}
