import { proofSizes } from '../proof-sizes';

// Expected sizes worked out by hand from RFC 9162's recursion (2.1.3.1, 2.1.4.1): a tree of n leaves splits at
// the largest power of two k < n, and a proof takes one hash per split it passes plus the height of the perfect
// subtree it ends in.
describe('proof sizes', () => {
  it('grow with log n: 10 hashes for the first record of 10³, 13 for the first of 4,097', async () => {
    // 1000 = 512 | 488: leaf 0 sits in the perfect 512 (9 levels) + 1 for the right side.
    const thousand = await proofSizes(1000, 1);
    expect(thousand.inclusionFirst).toBe(10);
    // Leaf 999: 1000 → 488 → 232 → 104 → 40 → 8 (five splits), then the perfect 8 (3 levels).
    expect(thousand.inclusionLast).toBe(8);
    // From 1 leaf: the path of leaf 0, which the first tree's root (the leaf) completes.
    expect(thousand.consistencyFrom).toEqual({ from: 1, hashes: 10 });
    // 4097 = 4096 | 1: the perfect 4096 (12 levels) + 1; the last leaf needs only the root of the 4096.
    expect(await proofSizes(4097)).toMatchObject({ inclusionFirst: 13, inclusionLast: 1, consistencyFromPrevious: 1 });
  });

  it('needs no hash for a tree of one record, and one to show that a tree of two extends it', async () => {
    expect(await proofSizes(1)).toMatchObject({ inclusionFirst: 0, inclusionLast: 0, consistencyFromPrevious: 0 });
    expect(await proofSizes(2)).toMatchObject({ inclusionFirst: 1, inclusionLast: 1, consistencyFromPrevious: 1 });
  });
});
