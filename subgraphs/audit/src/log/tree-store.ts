import type { Hash, NodeReader } from '@hub/shared/src/audit/transparency/merkle';
import type { Queryable } from './record-query';

/** The tree's perfect subtrees as stored in `audit_tree_node` (level 0: the leaf hashes). */
export function storedNodes(db: Queryable): NodeReader {
  const cache = new Map<string, Hash>();
  return async (level, index) => {
    const key = `${level}/${index}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const [row] = (await db.query(`SELECT hash FROM audit_tree_node WHERE level = $1 AND idx = $2`, [level, index])) as { hash: Buffer }[];
    if (!row) throw new Error(`the tree node ${key} is missing`);
    cache.set(key, row.hash);
    return row.hash;
  };
}

/** How many leaves the stored tree has. */
export async function storedTreeSize(db: Queryable): Promise<number> {
  const [row] = (await db.query(`SELECT coalesce(max(idx) + 1, 0)::text AS size FROM audit_tree_node WHERE level = 0`)) as { size: string }[];
  return Number(row?.size ?? 0);
}
