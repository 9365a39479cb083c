import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { DataCategory, type SubgraphContext, badInput, notFound, requireWrite } from '@hub/shared';
import { consistency, inclusionProofs, proofHead } from '../log/proofs';
import type { Queryable } from '../log/record-query';
import { AccessRecordProof, TreeConsistencyProof, TreeHead } from './transparency.types';

const hex = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

/** The signed head of exactly `size` records, with its cosignature when the witness gave one. */
export async function headOfSize(db: Queryable, size: number): Promise<TreeHead | null> {
  const [row] = (await db.query(
    `SELECT h.size::text AS size, h.root, coalesce(c.note, h.checkpoint) AS note, c.note IS NOT NULL AS witnessed
       FROM audit_tree_head h LEFT JOIN audit_head_cosignature c USING (size) WHERE h.size = $1 LIMIT 1`,
    [size],
  )) as { size: string; root: Buffer; note: string; witnessed: boolean }[];
  return row ? { size: Number(row.size), rootHash: row.root.toString('hex'), checkpoint: row.note, witnessed: row.witnessed } : null;
}

/** Inclusion proofs of records (by seq) against the newest witnessed head that covers them all. */
export async function recordProofs(db: Queryable, seqs: string[]): Promise<AccessRecordProof[]> {
  if (seqs.length === 0) return [];
  const highest = Math.max(...seqs.map(Number));
  const head = await proofHead(db, highest);
  if (!head) return [];
  const leaves = (await db.query(`SELECT idx::text AS idx, hash FROM audit_tree_node WHERE level = 0 AND idx = ANY($1::bigint[])`, [
    seqs.map((s) => Number(s) - 1),
  ])) as { idx: string; hash: Buffer }[];
  const leafOf = new Map(leaves.map((l) => [Number(l.idx), l.hash]));
  const indexes = seqs.map((s) => Number(s) - 1).filter((i) => leafOf.has(i));
  const paths = await inclusionProofs(db, indexes, head.size);
  const treeHead: TreeHead = { size: head.size, rootHash: head.root.toString('hex'), checkpoint: head.note, witnessed: head.witnessed };
  return indexes.map((leafIndex, i) => ({
    seq: String(leafIndex + 1), leafIndex, leafHash: leafOf.get(leafIndex)!.toString('hex'), inclusionPath: hex(paths[i]!), head: treeHead,
  }));
}

/** Proofs of the access log: inclusion of a record, consistency of two heads, the newest head. Audit staff only. */
@Resolver()
export class TransparencyResolver {
  @Query(() => AccessRecordProof, { description: 'RFC 9162 inclusion proof of one record against the newest witnessed tree head (audit staff only).' })
  async accessRecordProof(@Arg('seq', () => ID) seq: string, @Ctx() ctx: SubgraphContext): Promise<AccessRecordProof> {
    requireWrite(ctx, DataCategory.ACCESS_LOG);
    if (!/^\d{1,15}$/.test(seq) || Number(seq) < 1) throw badInput('seq', 'A record sequence number');
    const [proof] = await recordProofs(ctx.dataSource, [seq]);
    if (!proof) throw notFound('Access record', seq);
    return proof;
  }

  @Query(() => TreeConsistencyProof, { description: 'RFC 9162 consistency proof between two signed tree heads (audit staff only); `to` defaults to the newest.' })
  async treeConsistency(
    @Arg('from', () => Int) from: number,
    @Arg('to', () => Int, { nullable: true }) to: number | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TreeConsistencyProof> {
    requireWrite(ctx, DataCategory.ACCESS_LOG);
    const newest = await proofHead(ctx.dataSource, 0);
    const toSize = to ?? newest?.size ?? 0;
    if (!(from >= 1 && from <= toSize)) throw badInput('from', 'From 1 up to the size of the later head');
    const [fromHead, toHead] = await Promise.all([headOfSize(ctx.dataSource, from), headOfSize(ctx.dataSource, toSize)]);
    if (!fromHead) throw notFound('Tree head', String(from));
    if (!toHead) throw notFound('Tree head', String(toSize));
    return { fromSize: from, toSize, fromHead, toHead, proof: hex(await consistency(ctx.dataSource, from, toSize)) };
  }

  @Query(() => TreeHead, { nullable: true, description: 'The newest witness-cosigned tree head, else the newest signed one (audit staff only).' })
  async latestTreeHead(@Ctx() ctx: SubgraphContext): Promise<TreeHead | null> {
    requireWrite(ctx, DataCategory.ACCESS_LOG);
    const head = await proofHead(ctx.dataSource, 0);
    return head && { size: head.size, rootHash: head.root.toString('hex'), checkpoint: head.note, witnessed: head.witnessed };
  }
}
