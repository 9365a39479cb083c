import { type Hash, type NodeReader, consistencyProof, hashChildren, hashLeaf, inclusionProof, subtreeHash, verifyConsistency, verifyInclusion } from './merkle';

/** Every perfect subtree of a tree of `size` leaves whose leaf i is the 4-byte big-endian i, level by level. */
function syntheticTree(size: number): NodeReader {
  const leaf = Buffer.alloc(4);
  let level: Hash[] = Array.from({ length: size }, (_, i) => {
    leaf.writeUInt32BE(i);
    return hashLeaf(leaf);
  });
  const levels = [level];
  while (level.length > 1) {
    const below = level;
    level = Array.from({ length: Math.floor(below.length / 2) }, (_, i) => hashChildren(below[2 * i]!, below[2 * i + 1]!));
    levels.push(level);
  }
  return async (l, index) => {
    const hash = levels[l]?.[index];
    if (!hash) throw new RangeError(`no perfect subtree ${l}:${index} in a tree of ${size}`);
    return hash;
  };
}

export interface ProofSize {
  records: number;
  /** Hashes in the inclusion proof of the first record and of the last one. */
  inclusionFirst: number;
  inclusionLast: number;
  /** Hashes in the consistency proof from the tree one record smaller, and from the tree of `from` records. */
  consistencyFromPrevious: number;
  consistencyFrom: { from: number; hashes: number } | null;
}

/**
 * Sizes of real RFC 9162 proofs (this project's proof code) in a log of `records` records, each proof checked
 * against the tree's root: what an auditor downloads to check one record, or that the log only grew.
 */
export async function proofSizes(records: number, from?: number): Promise<ProofSize> {
  const node = syntheticTree(records);
  const root = await subtreeHash(node, 0, records);
  const leaf = async (i: number): Promise<Hash> => node(0, i);
  const inclusion = async (i: number): Promise<number> => {
    const proof = await inclusionProof(node, i, records);
    if (!verifyInclusion(await leaf(i), i, records, proof, root)) throw new Error(`the inclusion proof of ${i} in ${records} does not check`);
    return proof.length;
  };
  const consistency = async (first: number): Promise<number> => {
    const proof = await consistencyProof(node, first, records);
    if (!verifyConsistency(first, records, await subtreeHash(node, 0, first), root, proof)) throw new Error(`the consistency proof ${first} → ${records} does not check`);
    return proof.length;
  };
  return {
    records,
    inclusionFirst: await inclusion(0),
    inclusionLast: await inclusion(records - 1),
    consistencyFromPrevious: records > 1 ? await consistency(records - 1) : 0,
    consistencyFrom: from ? { from, hashes: await consistency(from) } : null,
  };
}
