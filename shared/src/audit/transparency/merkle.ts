import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2), section 2.1: leaf hash SHA-256(0x00 || leaf),
 * interior node SHA-256(0x01 || left || right), the split at the largest power of two below n; inclusion
 * and consistency proofs, and their verification, as the RFC gives them.
 *
 * Proofs are built from `node(level, index)`: the hash of the perfect subtree of 2^level leaves that starts
 * at leaf index * 2^level. Those are the only nodes a log has to store (see the audit subgraph's tree store).
 */
export type Hash = Buffer;
export type NodeReader = (level: number, index: number) => Promise<Hash>;

export const EMPTY_ROOT: Hash = createHash('sha256').digest();

export const hashLeaf = (leaf: Uint8Array): Hash => createHash('sha256').update(Buffer.of(0)).update(leaf).digest();
export const hashChildren = (left: Uint8Array, right: Uint8Array): Hash =>
  createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();

/** The largest power of two strictly below n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** MTH(D[start:end]) for a range of the RFC's recursion, from the perfect subtrees it is made of. */
export async function subtreeHash(node: NodeReader, start: number, end: number): Promise<Hash> {
  const size = end - start;
  if (size <= 0) return EMPTY_ROOT;
  if (isPowerOfTwo(size) && start % size === 0) return node(Math.log2(size), start / size);
  const k = splitPoint(size);
  return hashChildren(await subtreeHash(node, start, start + k), await subtreeHash(node, start + k, end));
}

/** PATH(m, D[start:end]) of RFC 9162 2.1.3.1: the audit path of leaf m (relative to start). */
async function path(node: NodeReader, m: number, start: number, end: number): Promise<Hash[]> {
  const n = end - start;
  if (n <= 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...(await path(node, m, start, start + k)), await subtreeHash(node, start + k, end)];
  return [...(await path(node, m - k, start + k, end)), await subtreeHash(node, start, start + k)];
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(node: NodeReader, index: number, size: number): Promise<Hash[]> {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  return path(node, index, 0, size);
}

/** SUBPROOF(m, D[start:end], b) of RFC 9162 2.1.4.1. */
async function subproof(node: NodeReader, m: number, start: number, end: number, whole: boolean): Promise<Hash[]> {
  const n = end - start;
  if (m === n) return whole ? [] : [await subtreeHash(node, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...(await subproof(node, m, start, start + k, whole)), await subtreeHash(node, start + k, end)];
  return [...(await subproof(node, m - k, start + k, end, false)), await subtreeHash(node, start, start + k)];
}

/** The consistency proof between the trees of `first` and `second` leaves (0 < first <= second). */
export function consistencyProof(node: NodeReader, first: number, second: number): Promise<Hash[]> {
  if (!(first > 0 && first <= second)) throw new RangeError(`no consistency proof from ${first} to ${second}`);
  if (first === second) return Promise.resolve([]);
  return subproof(node, first, 0, second, true);
}

/** RFC 9162 2.1.3.2: does `proof` show `leafHash` at `index` in the tree of `size` with `root`? */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (index >= size || index < 0) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(r).equals(Buffer.from(root));
}

/** RFC 9162 2.1.4.2: does `proof` show the tree of `second` leaves extends the tree of `first`? */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (first <= 0 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(Buffer.from(secondRoot));
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(fr).equals(Buffer.from(firstRoot)) && Buffer.from(sr).equals(Buffer.from(secondRoot));
}

/**
 * The right edge of a tree: the perfect subtrees that make up its first `size` leaves, largest first
 * (RFC 9162's tree of size n is these, combined right to left). Appending a leaf only touches the edge,
 * which is how the sequencer extends the tree without reading it.
 */
export class CompactRange {
  /** [level, index, hash] of each perfect subtree, left to right. */
  constructor(
    public size: number,
    public readonly nodes: { level: number; index: number; hash: Hash }[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** The perfect subtrees covering [0, size), left to right. */
  static layout(size: number): { level: number; index: number }[] {
    const out: { level: number; index: number }[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level -= 1) {
      const width = 2 ** level;
      if (size - start >= width) {
        out.push({ level, index: start / width });
        start += width;
      }
    }
    return out;
  }

  static async load(node: NodeReader, size: number): Promise<CompactRange> {
    const layout = CompactRange.layout(size);
    return new CompactRange(size, await Promise.all(layout.map(async (l) => ({ ...l, hash: await node(l.level, l.index) }))));
  }

  /** Appends one leaf hash; returns every perfect node it completes (the leaf itself first). */
  append(leafHash: Hash): { level: number; index: number; hash: Hash }[] {
    const created = [{ level: 0, index: this.size, hash: leafHash }];
    let current = created[0]!;
    this.nodes.push(current);
    for (;;) {
      const last = this.nodes[this.nodes.length - 1]!;
      const before = this.nodes[this.nodes.length - 2];
      if (!before || before.level !== last.level) break;
      this.nodes.splice(this.nodes.length - 2, 2);
      current = { level: last.level + 1, index: before.index / 2, hash: hashChildren(before.hash, last.hash) };
      this.nodes.push(current);
      created.push(current);
    }
    this.size += 1;
    return created;
  }

  /** Appends a whole perfect subtree of 2^level leaves (e.g. an archived range, from stored nodes). */
  appendSubtree(level: number, hash: Hash): void {
    const width = 2 ** level;
    if (this.size % width !== 0) throw new RangeError(`a subtree of ${width} leaves cannot start at leaf ${this.size}`);
    this.nodes.push({ level, index: this.size / width, hash });
    for (;;) {
      const last = this.nodes[this.nodes.length - 1]!;
      const before = this.nodes[this.nodes.length - 2];
      if (!before || before.level !== last.level) break;
      this.nodes.splice(this.nodes.length - 2, 2, { level: last.level + 1, index: before.index / 2, hash: hashChildren(before.hash, last.hash) });
    }
    this.size += width;
  }

  /** The perfect subtrees that cover leaves [start, end), left to right. */
  static cover(start: number, end: number): { level: number; index: number }[] {
    const out: { level: number; index: number }[] = [];
    let at = start;
    while (at < end) {
      let level = 0;
      while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level += 1;
      out.push({ level, index: at / 2 ** level });
      at += 2 ** level;
    }
    return out;
  }

  root(): Hash {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let hash = this.nodes[this.nodes.length - 1]!.hash;
    for (let i = this.nodes.length - 2; i >= 0; i -= 1) hash = hashChildren(this.nodes[i]!.hash, hash);
    return hash;
  }

  clone(): CompactRange {
    return new CompactRange(this.size, this.nodes.map((n) => ({ ...n })));
  }
}
