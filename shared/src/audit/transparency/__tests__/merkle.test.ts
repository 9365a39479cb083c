import { CompactRange, EMPTY_ROOT, type Hash, consistencyProof, hashChildren, hashLeaf, inclusionProof, splitPoint, verifyConsistency, verifyInclusion } from '../merkle';

// RFC 6962 / RFC 9162 reference leaves and roots (the CT test data also used by transparency-dev/merkle).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  hashLeaf(Buffer.from(h, 'hex')),
);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const hex = (hashes: Hash[]) => hashes.map((h) => h.toString('hex'));

/** MTH straight from the RFC's definition: the oracle the stored-node versions are checked against. */
const mth = (leaves: Hash[]): Hash =>
  leaves.length === 0 ? EMPTY_ROOT : leaves.length === 1 ? leaves[0]! : hashChildren(mth(leaves.slice(0, splitPoint(leaves.length))), mth(leaves.slice(splitPoint(leaves.length))));

/** A node reader over an in-memory list of leaf hashes: perfect subtrees computed by the oracle. */
const reader = (leaves: Hash[]) => (level: number, index: number) => Promise.resolve(mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)));

const built = (leaves: Hash[]): CompactRange => {
  const range = CompactRange.empty();
  for (const leaf of leaves) range.append(leaf);
  return range;
};

describe('RFC 9162 Merkle tree', () => {
  it('gives the reference root for every size 0..8, appended leaf by leaf', () => {
    for (let n = 0; n <= 8; n += 1) expect(built(LEAVES.slice(0, n)).root().toString('hex')).toBe(ROOTS[n]);
  });

  it('gives the reference inclusion proofs (leaf 0 and leaf 5 of 8)', async () => {
    expect(hex(await inclusionProof(reader(LEAVES), 0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(await inclusionProof(reader(LEAVES), 5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('gives the reference consistency proof from 2 to 8 (its first two hashes)', async () => {
    const proof = hex(await consistencyProof(reader(LEAVES), 2, 8));
    expect(proof.slice(0, 2)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(verifyConsistency(2, 8, Buffer.from(ROOTS[2]!, 'hex'), Buffer.from(ROOTS[8]!, 'hex'), await consistencyProof(reader(LEAVES), 2, 8))).toBe(true);
  });

  const many = Array.from({ length: 37 }, (_, i) => hashLeaf(Buffer.from(`record ${i}`)));

  it('verifies every inclusion proof in every tree up to 37 leaves, and refuses a wrong leaf or index', async () => {
    for (let n = 1; n <= many.length; n += 1) {
      const leaves = many.slice(0, n);
      const root = built(leaves).root();
      expect(root.equals(mth(leaves))).toBe(true);
      for (let i = 0; i < n; i += 1) {
        const proof = await inclusionProof(reader(leaves), i, n);
        expect(verifyInclusion(leaves[i]!, i, n, proof, root)).toBe(true);
        expect(verifyInclusion(hashLeaf(Buffer.from('forged')), i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, root)).toBe(false);
      }
    }
  });

  it('verifies every consistency proof between sizes up to 37, and refuses one against an altered older tree', async () => {
    for (let n = 1; n <= many.length; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        const proof = await consistencyProof(reader(many.slice(0, n)), m, n);
        expect(verifyConsistency(m, n, mth(many.slice(0, m)), mth(many.slice(0, n)), proof)).toBe(true);
        const altered = [...many.slice(0, m - 1), hashLeaf(Buffer.from('altered'))];
        if (m < n) expect(verifyConsistency(m, n, mth(altered), mth(many.slice(0, n)), proof)).toBe(false);
      }
    }
  });

  it('proofs grow with log n: 10 hashes at 10^3 leaves, 20 at 10^6', async () => {
    // Node contents do not matter for the length; a constant reader keeps this fast at a million leaves.
    const constant = () => Promise.resolve(EMPTY_ROOT);
    const sizes: Record<string, { inclusion: number; consistency: number }> = {};
    for (const n of [1_000, 1_000_000]) {
      sizes[n] = {
        inclusion: (await inclusionProof(constant, Math.floor(n / 3), n)).length,
        consistency: (await consistencyProof(constant, Math.floor(n / 3), n)).length,
      };
    }
    process.stdout.write(`proof sizes (hashes of 32 bytes): ${JSON.stringify(sizes)}\n`);
    expect(sizes[1_000]!.inclusion).toBe(10);
    expect(sizes[1_000_000]!.inclusion).toBe(20);
    expect(sizes[1_000]!.consistency).toBeLessThanOrEqual(2 * 10);
    expect(sizes[1_000_000]!.consistency).toBeLessThanOrEqual(2 * 20);
  });
});

describe('CompactRange', () => {
  const leaves = Array.from({ length: 45 }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));

  it('loads from stored nodes and extends to the same root as appending every leaf', async () => {
    for (const m of [0, 1, 7, 8, 13, 32, 44]) {
      const range = await CompactRange.load(reader(leaves), m);
      expect(range.root().equals(mth(leaves.slice(0, m)))).toBe(true);
      for (const leaf of leaves.slice(m)) range.append(leaf);
      expect(range.root().equals(mth(leaves))).toBe(true);
    }
  });

  it('skips an archived range by its covering subtrees and still reaches the same root', async () => {
    for (const [a, b] of [[3, 17], [8, 16], [0, 45], [21, 22], [5, 40]] as const) {
      const range = built(leaves.slice(0, a));
      for (const c of CompactRange.cover(a, b)) range.appendSubtree(c.level, await reader(leaves)(c.level, c.index));
      for (const leaf of leaves.slice(b)) range.append(leaf);
      expect(range.root().equals(mth(leaves))).toBe(true);
    }
  });
});
