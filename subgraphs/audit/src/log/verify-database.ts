import { serviceFetch } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { CompactRange } from '@hub/shared/src/audit/transparency/merkle';
import type { LogVerifierKeys } from './log-keys';
import { type Queryable, storedRecords } from './record-query';
import { storedNodes } from './tree-store';
import { type LogVerification, type TrustedHead, trustedHeads, verifyRecords } from './verify-log';

/** The witness's newest cosigned checkpoint (C2SP note with the log's signature and the cosignature). */
export async function witnessCheckpoint(witnessUrl: string): Promise<string> {
  const response = await serviceFetch(`${witnessUrl}/checkpoint`, { timeoutMs: 5000 });
  if (!response.ok) throw new Error(`the witness answered ${response.status}`);
  return response.text();
}

export interface VerifyOptions {
  /** A head verified before (from a witnessed head): check only what came after it, O(new + log n). */
  since?: { size: number; root: Buffer } | null;
}

/**
 * Verifies the log in the database against every head it stores and the witness's newest cosigned head, which
 * is fetched first (outside the database, so deleting heads there hides nothing the witness has seen) and then
 * compared with one snapshot (REPEATABLE READ) of records, heads and archive.
 */
export async function verifyLogDatabase(
  dataSource: DataSource,
  keys: LogVerifierKeys,
  witnessUrl: string | undefined,
  options: VerifyOptions = {},
): Promise<LogVerification & { mode: 'FULL' | 'INCREMENTAL'; witnessedHead: TrustedHead | null }> {
  let witnessNote: string | null = null;
  let witnessProblem: string | null = witnessUrl ? null : 'no witness is configured (HUB_WITNESS_URL)';
  if (witnessUrl) {
    try {
      witnessNote = await witnessCheckpoint(witnessUrl);
    } catch (error) {
      witnessProblem = `the witness could not be asked: ${(error as Error).message}`;
    }
  }
  return dataSource.transaction('REPEATABLE READ', async (tx) => {
    const db: Queryable = tx;
    const stored = (await db.query(
      `SELECT checkpoint AS note FROM audit_tree_head UNION ALL SELECT note FROM audit_head_cosignature`,
    )) as { note: string }[];
    const notes = [...stored.map((s) => s.note), ...(witnessNote ? [witnessNote] : [])];
    const { heads, problem } = trustedHeads(notes, keys);
    const archived = ((await db.query(`SELECT first_seq::text AS first, last_seq::text AS last FROM audit_archive ORDER BY first_seq`)) as {
      first: string;
      last: string;
    }[]).map((a) => ({ first: Number(a.first), last: Number(a.last) }));
    const node = storedNodes(db);
    let start = CompactRange.empty();
    let mode: 'FULL' | 'INCREMENTAL' = 'FULL';
    if (options.since && options.since.size > 0) {
      try {
        const loaded = await CompactRange.load(node, options.since.size);
        if (loaded.root().equals(options.since.root)) {
          start = loaded;
          mode = 'INCREMENTAL';
        }
      } catch {
        // The stored subtrees do not give the verified head back: replay everything.
      }
    }
    const result = await verifyRecords({ records: storedRecords(db, start.size + 1, Number.MAX_SAFE_INTEGER), heads, start, archived, node, keys });
    const witnessed = heads.filter((h) => h.witnessed).pop() ?? null;
    if (result.ok && (problem || witnessProblem)) return { ...result, ok: false, reason: problem ?? witnessProblem, mode, witnessedHead: witnessed };
    if (!result.ok && problem && result.firstBadRecord === null) return { ...result, reason: problem, mode, witnessedHead: witnessed };
    return { ...result, mode, witnessedHead: witnessed };
  });
}
