import { createHash } from 'node:crypto';
import { type JWTVerifyGetKey, compactVerify } from 'jose';
import type { DataSource } from 'typeorm';

export const GENESIS_HASH = '0'.repeat(64);
const BATCH = 5000;

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
  hash: string;
  prev_hash: string;
  canonical: string;
}

/**
 * Re-computes the chain from the first record: each record's hash must be SHA-256 of its canonical form
 * (which includes the previous hash), sequence numbers must run without gaps, the head must match the last
 * record, and every signed checkpoint must carry a valid signature and the hash of the record at its seq.
 * An altered, deleted, reordered or inserted record is named by its sequence number.
 */
export async function verifyChain(dataSource: DataSource, trusted: JWTVerifyGetKey): Promise<ChainVerification> {
  const checkpoints = (await dataSource.query(`SELECT seq::text AS seq, hash, signature FROM audit_checkpoint ORDER BY seq`)) as {
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
  for (;;) {
    const rows = (await dataSource.query(
      `SELECT seq::text AS seq, hash, prev_hash, audit_record_canonical(r) AS canonical
         FROM audit_record r WHERE seq >= $1 ORDER BY seq LIMIT ${BATCH}`,
      [expectedSeq.toString()],
    )) as ChainRow[];
    for (const row of rows) {
      if (BigInt(row.seq) !== expectedSeq) return bad(expectedSeq.toString(), `record ${expectedSeq} is missing`, checked);
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
  }
  const [head] = (await dataSource.query(`SELECT seq::text AS seq, hash FROM audit_chain_head WHERE id = 1`)) as { seq: string; hash: string }[];
  if (!head || BigInt(head.seq) !== expectedSeq - 1n || head.hash !== previous) {
    return bad((expectedSeq).toString(), `the chain head names record ${head?.seq ?? '?'}: records after ${expectedSeq - 1n} are missing`, checked);
  }
  for (const checkpoint of checkpoints) {
    try {
      const { payload } = await compactVerify(checkpoint.signature, trusted);
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
