import { type Hash, type NodeReader, consistencyProof, inclusionProof } from '@hub/shared/src/audit/transparency/merkle';
import type { Queryable } from './record-query';

/**
 * Runs `work` twice: first with a reader that only notes which stored subtrees it asks for (a proof's shape
 * depends on sizes, not on hash values), then, after one query for all of them, with the real hashes.
 */
export async function withPrefetchedNodes<T>(db: Queryable, work: (node: NodeReader) => Promise<T>): Promise<T> {
  const wanted = new Map<string, [number, number]>();
  await work((level, index) => {
    wanted.set(`${level}/${index}`, [level, index]);
    return Promise.resolve(Buffer.alloc(32));
  });
  const pairs = [...wanted.values()];
  const rows = pairs.length === 0 ? [] : ((await db.query(
    `SELECT n.level, n.idx::text AS idx, n.hash FROM audit_tree_node n
       JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  )) as { level: number; idx: string; hash: Buffer }[]);
  const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, r.hash]));
  return work((level, index) => {
    const hash = found.get(`${level}/${index}`);
    return hash ? Promise.resolve(hash) : Promise.reject(new Error(`the tree node ${level}/${index} is missing`));
  });
}

export const inclusionProofs = (db: Queryable, leafIndexes: number[], size: number): Promise<Hash[][]> =>
  withPrefetchedNodes(db, (node) => Promise.all(leafIndexes.map((i) => inclusionProof(node, i, size))));

export const consistency = (db: Queryable, from: number, to: number): Promise<Hash[]> =>
  withPrefetchedNodes(db, (node) => consistencyProof(node, from, to));

/** The newest head to prove against: the newest witness-cosigned one, else the newest signed one. */
export async function proofHead(db: Queryable, atLeast: number): Promise<{ size: number; root: Buffer; note: string; witnessed: boolean } | null> {
  const rows = (await db.query(
    `(SELECT c.size::text AS size, h.root, c.note, true AS witnessed FROM audit_head_cosignature c JOIN audit_tree_head h USING (size)
       WHERE c.size >= $1 ORDER BY c.size DESC LIMIT 1)
     UNION ALL
     (SELECT size::text, root, checkpoint, false FROM audit_tree_head WHERE size >= $1 ORDER BY size DESC LIMIT 1)`,
    [atLeast],
  )) as { size: string; root: Buffer; note: string; witnessed: boolean }[];
  const row = rows[0];
  return row ? { size: Number(row.size), root: row.root, note: row.note, witnessed: row.witnessed } : null;
}
