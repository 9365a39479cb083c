import { verify } from 'node:crypto';
import { payloadOf, recordLeafHash, writerPayloadForm } from '@hub/shared/src/audit/record-form';
import { CompactRange, type NodeReader } from '@hub/shared/src/audit/transparency/merkle';
import { parseCheckpointBody, parseNote, verifyCheckpointSignature, verifyCosignature } from '@hub/shared/src/audit/transparency/signed-note';
import { LOG_SIGNER, type LogVerifierKeys } from './log-keys';
import type { StoredRecord } from './record-query';

/** A tree head whose log signature checked; `witnessed` when the witness's cosignature checked too. */
export interface TrustedHead {
  size: number;
  root: Buffer;
  witnessed: boolean;
}

export interface LogVerification {
  ok: boolean;
  checkedRecords: number;
  /** Sequence number of the first record that no longer fits, or null. */
  firstBadRecord: string | null;
  reason: string | null;
  /** Signed heads the recomputed tree was compared with. */
  checkpointsChecked: number;
  /** The size of the largest witness-cosigned head the log matched (0: none). */
  witnessedSize: number;
  treeSize: number;
  archivedRecords: number;
}

/** Checks signed notes: heads without a valid log signature are reported; cosigned ones are marked witnessed. */
export function trustedHeads(notes: readonly string[], keys: LogVerifierKeys): { heads: TrustedHead[]; problem: string | null } {
  const bySize = new Map<number, TrustedHead>();
  let problem: string | null = null;
  for (const text of notes) {
    const note = parseNote(text);
    if (!verifyCheckpointSignature(note, LOG_SIGNER, keys.log)) {
      problem ??= 'a tree head is not signed by the audit service';
      continue;
    }
    const { size, root } = parseCheckpointBody(note.body);
    const witnessed = keys.witness !== null && verifyCosignature(note, keys.witness.name, keys.witness.key) !== null;
    const known = bySize.get(size);
    if (known && !known.root.equals(root)) {
      problem ??= `fork: two signed tree heads of size ${size} with different roots`;
      // Keep the witnessed one: that is the view the witness vouches for.
      if (witnessed && !known.witnessed) bySize.set(size, { size, root, witnessed });
      continue;
    }
    bySize.set(size, { size, root, witnessed: witnessed || (known?.witnessed ?? false) });
  }
  return { heads: [...bySize.values()].sort((a, b) => a.size - b.size), problem };
}

/**
 * Replays records in seq order against signed heads: each record's leaf hash must be recomputed from its
 * canonical form, its seal (the audit key's signature of that leaf) and its writer's signature must check, seq
 * must run without gaps or repeats, and the tree must have the root of every signed head at that head's size.
 * `start` is the tree before the first record (empty for a full replay); it must match a head at its size.
 * Archived seq ranges are taken from stored subtrees (`node`). A head larger than the records names the first
 * missing record. At least one witness-cosigned head must be matched.
 */
export async function verifyRecords(input: {
  records: AsyncIterable<StoredRecord>;
  heads: TrustedHead[];
  start: CompactRange;
  archived: { first: number; last: number }[];
  node: NodeReader | null;
  keys: LogVerifierKeys;
  /** A part of the log (an archived month): it must end at a signed head; larger heads are not its business. */
  endsAtHead?: boolean;
}): Promise<LogVerification> {
  const { heads, keys } = input;
  const range = input.start.clone();
  let checked = 0;
  let checkpoints = 0;
  let witnessedSize = 0;
  let archivedRecords = 0;
  let lastMatched = range.size;
  const result = (firstBadRecord: string | null, reason: string | null): LogVerification => ({
    ok: reason === null, checkedRecords: checked, firstBadRecord, reason, checkpointsChecked: checkpoints, witnessedSize,
    treeSize: range.size, archivedRecords,
  });
  let next = heads.findIndex((h) => h.size >= range.size);
  if (next < 0) next = heads.length;
  const compareHeads = (): LogVerification | null => {
    while (next < heads.length && heads[next]!.size === range.size) {
      const head = heads[next]!;
      if (range.size > 0 && !head.root.equals(range.root())) {
        return result(String(lastMatched + 1), `records ${lastMatched + 1}–${head.size} do not make the tree of the signed head of size ${head.size}`);
      }
      checkpoints += 1;
      if (head.witnessed) witnessedSize = head.size;
      lastMatched = head.size;
      next += 1;
    }
    return null;
  };
  if (range.size > 0 && !(heads[next]?.size === range.size)) return result(String(range.size + 1), `no signed head of size ${range.size} to start from`);
  const startProblem = compareHeads();
  if (startProblem) return { ...startProblem, firstBadRecord: String(range.size), reason: `the tree before record ${range.size + 1} does not match its signed head` };

  const skipArchived = async (): Promise<LogVerification | null> => {
    for (const a of input.archived) {
      if (a.first !== range.size + 1 || !input.node) continue;
      for (const c of CompactRange.cover(a.first - 1, a.last)) range.appendSubtree(c.level, await input.node(c.level, c.index));
      archivedRecords += a.last - a.first + 1;
      return compareHeads();
    }
    return null;
  };

  for await (const record of input.records) {
    const skipped = await skipArchived();
    if (skipped) return skipped;
    const expected = BigInt(range.size + 1);
    const seq = BigInt(record.seq);
    if (seq < expected) return result(record.seq, `a second record claims position ${record.seq}`);
    if (seq > expected) return result(String(expected), `record ${expected} is missing`);
    const leaf = recordLeafHash(record);
    if (leaf.toString('hex') !== record.hash) return result(record.seq, 'its content does not match its leaf hash');
    if (!verify(null, leaf, keys.log, Buffer.from(record.seal, 'base64'))) {
      return result(record.seq, "its seal (the audit service's signature of its leaf hash) does not match");
    }
    if (record.subgraph !== 'unverified') {
      const writer = keys.writers.get(record.subgraph);
      const payload = Buffer.from(writerPayloadForm(payloadOf(record)), 'utf8');
      if (!writer || !record.writerSignature || !verify(null, payload, writer, Buffer.from(record.writerSignature, 'base64'))) {
        return result(record.seq, `the signature of its writer (${record.subgraph}) does not match`);
      }
    }
    range.append(leaf);
    checked += 1;
    const problem = compareHeads();
    if (problem) return problem;
  }
  const skipped = await skipArchived();
  if (skipped) return skipped;
  const beyond = heads[heads.length - 1];
  if (input.endsAtHead) {
    if (lastMatched !== range.size) return result(null, `the records end at ${range.size}, where no signed head is`);
  } else if (beyond && beyond.size > range.size) {
    return result(String(range.size + 1), `record ${range.size + 1} is missing: a signed head covers ${beyond.size} records`);
  }
  if (witnessedSize === 0) return result(null, 'no witness-cosigned tree head covers the records checked');
  return result(null, null);
}
