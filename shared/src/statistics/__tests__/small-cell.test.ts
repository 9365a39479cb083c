import { SeededRandom } from '../../demo/random';
import { type CountCell, smallCellK, suppressBreakdown, suppressCount, suppressCounts } from '../small-cell';

/**
 * docs/architecture.md#statistics: a count between 1 and k−1 is never shown, and totals must not let a suppressed cell
 * be recovered. The attacker below knows the rule itself, the published cells and the published total.
 */

const cells = (...counts: number[]): CountCell[] => counts.map((count, i) => ({ key: `K${i}`, count }));
const shown = (counts: number[], k = 5): (number | null)[] => suppressCounts(cells(...counts), k).map((c) => c.count);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('suppressCount', () => {
  it('shows 0 and every count of at least k, and suppresses 1 to k−1', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 250].map((n) => suppressCount(n, 5))).toEqual([
      { value: 0, suppressed: false },
      ...[1, 2, 3, 4].map(() => ({ value: null, suppressed: true })),
      { value: 5, suppressed: false },
      { value: 6, suppressed: false },
      { value: 250, suppressed: false },
    ]);
    expect(suppressCount(9, 10)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(1, 2)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(2, 2)).toEqual({ value: 2, suppressed: false });
  });

  it('refuses a count that is not a non-negative integer', () => {
    expect(() => suppressCount(-1, 5)).toThrow(RangeError);
    expect(() => suppressCount(2.5, 5)).toThrow(RangeError);
  });
});

describe('smallCellK', () => {
  it('is 5 unless HUB_SMALL_CELL_K says otherwise', () => {
    expect(smallCellK({})).toBe(5);
    expect(smallCellK({ HUB_SMALL_CELL_K: '' })).toBe(5);
    expect(smallCellK({ HUB_SMALL_CELL_K: '10' })).toBe(10);
    expect(smallCellK({ HUB_SMALL_CELL_K: ' 2 ' })).toBe(2);
  });

  it.each(['1', '0', '-5', '2.5', 'five', '3e1'])('refuses HUB_SMALL_CELL_K=%s', (value) => {
    expect(() => smallCellK({ HUB_SMALL_CELL_K: value })).toThrow(/HUB_SMALL_CELL_K/);
  });
});

describe('suppressCounts: primary suppression', () => {
  it('hides every count from 1 to k−1 and shows 0 and counts of at least k, keeping keys and order', () => {
    expect(suppressCounts(cells(0, 2, 3, 7, 12), 5)).toEqual([
      { key: 'K0', count: 0, suppressed: false },
      { key: 'K1', count: null, suppressed: true },
      { key: 'K2', count: null, suppressed: true },
      { key: 'K3', count: 7, suppressed: false },
      { key: 'K4', count: 12, suppressed: false },
    ]);
    // With k = 10, 9 is small; alone it would be the total minus the shown cells, so 10 is hidden too.
    expect(shown([9, 10, 11], 10)).toEqual([null, null, 11]);
  });

  it('leaves a breakdown without small cells as it is, and an empty one empty', () => {
    expect(shown([0, 5, 17, 0])).toEqual([0, 5, 17, 0]);
    expect(suppressCounts([], 5)).toEqual([]);
  });

  it('refuses a k below 2 and counts that are not non-negative integers', () => {
    expect(() => suppressCounts(cells(3, 9), 1)).toThrow(RangeError);
    expect(() => suppressCounts(cells(3, -1), 5)).toThrow(RangeError);
  });
});

describe('suppressCounts: secondary suppression', () => {
  it('hides the smallest shown non-zero cell too when exactly one cell is small', () => {
    expect(shown([12, 3, 7, 0, 40])).toEqual([12, null, null, 0, 40]);
  });

  it('hides every shown cell of that smallest count, so that no tie-break tells which one was taken', () => {
    expect(shown([30, 8, 3, 8])).toEqual([30, null, null, null]);
  });

  it('hides one more cell when the small cells are all 1 (their known sum would say so)', () => {
    expect(shown([1, 30, 1, 9])).toEqual([null, 30, null, null]);
  });

  it('hides one more cell when the small cells are all k−1 (no other split would be published so)', () => {
    expect(shown([4, 4, 5, 20])).toEqual([null, null, null, 20]);
  });

  it('needs nothing more for several small cells of different counts', () => {
    expect(shown([2, 3, 11])).toEqual([null, null, 11]);
  });

  it('hides the zeros, when nothing else is left, so that a run of 1s is not pinned down by its total', () => {
    const result = suppressBreakdown(cells(1, 1, 1, 1, 1, 0), 5);
    expect(result.cells.map((c) => c.count)).toEqual([null, null, null, null, null, null]);
    expect(result.totalPublishable).toBe(true);
  });

  it('says the total may not be published when every cell is a 1 and nothing else can be hidden', () => {
    const result = suppressBreakdown(cells(1, 1, 1, 1, 1, 1), 5);
    expect(result.cells.every((c) => c.suppressed)).toBe(true);
    expect(result.totalPublishable).toBe(false);
  });

  it('hides every cell, zeros included, when the total itself is between 1 and k−1', () => {
    const result = suppressBreakdown(cells(2, 0, 1, 0), 5);
    expect(result.cells.map((c) => c.count)).toEqual([null, null, null, null]);
    expect(result.totalPublishable).toBe(false);
    expect(suppressBreakdown(cells(0, 0), 5)).toEqual({
      cells: [{ key: 'K0', count: 0, suppressed: false }, { key: 'K1', count: 0, suppressed: false }],
      totalPublishable: true,
    });
  });
});

/** Every way of filling `m` cells with non-negative counts that sum to `total`. */
function* fillings(total: number, m: number): Generator<number[]> {
  if (m === 1) {
    yield [total];
    return;
  }
  for (let first = 0; first <= total; first++) for (const rest of fillings(total - first, m - 1)) yield [first, ...rest];
}

/**
 * The values each suppressed cell could have, for an attacker who knows the rule, every shown cell and the
 * published total: every filling of the suppressed cells (zeros included) whose suppression looks the same.
 */
function feasibleValues(counts: number[], k: number): Set<number>[] {
  const published = suppressBreakdown(cells(...counts), k);
  const hidden = published.cells.flatMap((c, i) => (c.suppressed ? [i] : []));
  const hiddenSum = sum(hidden.map((i) => counts[i]!));
  const fingerprint = JSON.stringify(published);
  const feasible = hidden.map(() => new Set<number>());
  for (const filling of fillings(hiddenSum, hidden.length)) {
    const candidate = [...counts];
    hidden.forEach((cell, j) => (candidate[cell] = filling[j]!));
    if (JSON.stringify(suppressBreakdown(cells(...candidate), k)) !== fingerprint) continue;
    filling.forEach((value, j) => feasible[j]!.add(value));
  }
  return feasible;
}

/** A random breakdown: many zeros and small cells, as in thin periods, and some large ones. */
function randomBreakdown(rng: SeededRandom, k: number, maxCells: number): number[] {
  return Array.from({ length: rng.int(1, maxCells) }, () =>
    rng.chance(0.25) ? 0 : rng.chance(0.5) ? rng.int(1, k - 1) : rng.int(1, 3 * k),
  );
}

describe('suppressCounts on seeded random breakdowns', () => {
  const ks = [2, 3, 5, 10];

  it('never shows a count between 1 and k−1, and shows every other cell exactly', () => {
    const rng = new SeededRandom(2009);
    const problems: unknown[] = [];
    for (let run = 0; run < 5000; run++) {
      const k = rng.pick(ks);
      const counts = randomBreakdown(rng, k, 12);
      const result = suppressCounts(cells(...counts), k);
      const wrong = result.filter(
        (cell, i) =>
          cell.key !== `K${i}` ||
          cell.suppressed !== (cell.count === null) ||
          (!cell.suppressed && (cell.count !== counts[i] || (counts[i]! > 0 && counts[i]! < k))),
      );
      if (wrong.length > 0 || result.length !== counts.length) problems.push({ counts, k, wrong });
    }
    expect(problems).toEqual([]);
  });

  it('never lets total − sum(shown) give a suppressed cell away, nor the known sum pin the suppressed cells down', () => {
    const rng = new SeededRandom(4242);
    const problems: unknown[] = [];
    let checked = 0;
    for (let run = 0; run < 5000; run++) {
      const k = rng.pick(ks);
      const counts = randomBreakdown(rng, k, 12);
      const { cells: result, totalPublishable } = suppressBreakdown(cells(...counts), k);
      if (!totalPublishable) continue; // the caller then publishes no total to subtract from
      const hidden = result.flatMap((c, i) => (c.suppressed ? [counts[i]!] : []));
      if (hidden.length === 0) continue;
      checked++;
      const remainder = sum(counts) - sum(result.flatMap((c) => (c.suppressed ? [] : [c.count!])));
      // One hidden cell would be the remainder itself; m hidden cells whose remainder is m would all be 1s
      // (zeros being shown), unless a hidden 0 makes that guess wrong.
      if (hidden.length === 1) problems.push({ counts, k, recovered: remainder });
      if (remainder === hidden.length && hidden.every((c) => c === 1)) problems.push({ counts, k, allOnes: hidden });
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });

  it('leaves every suppressed cell at least two possible values for an attacker who knows the rule and the total', () => {
    const rng = new SeededRandom(7);
    const problems: unknown[] = [];
    let attacked = 0;
    for (let run = 0; run < 2500; run++) {
      const k = rng.pick(ks);
      const counts = randomBreakdown(rng, k, 6);
      const { cells: result, totalPublishable } = suppressBreakdown(cells(...counts), k);
      const hidden = result.filter((c) => c.suppressed);
      const hiddenSum = sum(result.flatMap((c, i) => (c.suppressed ? [counts[i]!] : [])));
      if (!totalPublishable || hidden.length === 0 || hiddenSum > 24) continue;
      attacked++;
      const pinned = feasibleValues(counts, k).flatMap((values, j) => (values.size < 2 ? [{ cell: j, values: [...values] }] : []));
      if (pinned.length > 0) problems.push({ counts, k, pinned });
    }
    expect(problems).toEqual([]);
    expect(attacked).toBeGreaterThan(800);
  });

  it('hides every cell, zeros included, of every breakdown whose total is between 1 and k−1', () => {
    // Shown zeros would tell which few cells hold the hidden total (k−1 of them would each be a 1).
    const problems: unknown[] = [];
    for (const k of [2, 3, 5]) {
      for (let total = 1; total < k; total++) {
        for (const counts of fillings(total, 5)) {
          const result = suppressBreakdown(cells(...counts), k);
          if (result.totalPublishable || result.cells.some((c) => !c.suppressed)) problems.push({ counts, k, result });
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
