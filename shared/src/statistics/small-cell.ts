/**
 * Small-cell suppression of published counts (docs/architecture.md#statistics): a count between 1 and k−1 is never
 * shown, and no suppressed count can be recovered from the breakdown's total minus the cells that are shown.
 */

export const DEFAULT_SMALL_CELL_K = 5;

/** k of the small-cell rule, from `HUB_SMALL_CELL_K` (an integer ≥ 2; 5 when unset). */
export function smallCellK(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.HUB_SMALL_CELL_K?.trim();
  if (!raw) return DEFAULT_SMALL_CELL_K;
  const k = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(k) || k < 2) {
    throw new Error(`HUB_SMALL_CELL_K must be an integer of at least 2, not "${raw.slice(0, 20)}"`);
  }
  return k;
}

export interface CountCell {
  key: string;
  count: number;
}

export interface SuppressedCell {
  key: string;
  /** The count, or `null` when it is suppressed. */
  count: number | null;
  suppressed: boolean;
}

export interface SuppressedBreakdown {
  cells: SuppressedCell[];
  /**
   * Whether the cells stay safe when the breakdown's total (the sum of its counts) is published as well.
   * False when the total is itself between 1 and k−1, or when no further cell can be suppressed to protect
   * the suppressed ones (every cell is a 1): the caller must then not publish the total either, nor
   * anything it can be derived from.
   */
  totalPublishable: boolean;
}

const assertCount = (n: number): void => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`A count is a non-negative integer, not ${n}`);
};

const assertK = (k: number): void => {
  if (!Number.isSafeInteger(k) || k < 2) throw new RangeError(`k is an integer of at least 2, not ${k}`);
};

/** One count on its own: shown when 0 or at least k, suppressed when between 1 and k−1. */
export function suppressCount(n: number, k: number): { value: number | null; suppressed: boolean } {
  assertK(k);
  assertCount(n);
  return n > 0 && n < k ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/**
 * Whether the suppressed cells could be recovered from the breakdown's total by someone who knows this rule.
 * One cell alone is the total minus the shown cells. Suppressed cells of different values are safe: any
 * permutation of their values yields the same published breakdown (secondary suppression takes every cell
 * of the smallest value at once, so no tie-break tells positions apart). Cells of one value v are safe only
 * if another split of their sum would be published the same way: v−1 and v+1 when 2 ≤ v ≤ k−2. All 1s
 * cannot be split otherwise; all k−1s only through a cell of k taken by secondary suppression, which the
 * shown cells may rule out: both call for one more cell.
 */
function recoverable(counts: readonly number[], suppressed: ReadonlySet<number>, k: number): boolean {
  if (suppressed.size === 0) return false;
  if (suppressed.size === 1) return true;
  const values = new Set([...suppressed].map((i) => counts[i]!));
  if (values.size > 1) return false;
  const [v] = values;
  return v === 1 || v === k - 1;
}

/**
 * The breakdown with small cells suppressed, and whether its total may be published too.
 * - Primary: every count between 1 and k−1.
 * - A total between 1 and k−1: every cell, zeros included (a shown 0 beside hidden cells would say that all
 *   of those few people share the hidden cells' attributes, and k−1 hidden cells would each be a 1).
 * - Secondary: while the suppressed cells could be recovered from the total, every shown cell of the
 *   smallest non-zero count is suppressed too; when no non-zero cell is left, every shown 0.
 */
export function suppressBreakdown(cells: readonly CountCell[], k: number): SuppressedBreakdown {
  assertK(k);
  const counts = cells.map((c) => c.count);
  counts.forEach(assertCount);
  const total = counts.reduce((a, b) => a + b, 0);
  const out = (isSuppressed: (i: number) => boolean, totalPublishable: boolean): SuppressedBreakdown => ({
    cells: cells.map((c, i) =>
      isSuppressed(i) ? { key: c.key, count: null, suppressed: true } : { key: c.key, count: c.count, suppressed: false },
    ),
    totalPublishable,
  });

  if (total > 0 && total < k) return out(() => true, false);

  const suppressed = new Set<number>();
  counts.forEach((c, i) => {
    if (c > 0 && c < k) suppressed.add(i);
  });
  while (recoverable(counts, suppressed, k)) {
    const next = smallestShown(counts, suppressed, (c) => c > 0) ?? smallestShown(counts, suppressed, (c) => c === 0);
    if (!next) {
      // Every cell is suppressed. Only all 1s are then pinned down by the total; k−1s could be 1s and a larger cell.
      const allOnes = [...suppressed].every((i) => counts[i] === 1);
      return out((i) => suppressed.has(i), !allOnes);
    }
    for (const i of next) suppressed.add(i);
  }
  return out((i) => suppressed.has(i), true);
}

/** Every cell not yet suppressed that passes `eligible` and has the smallest such count (all of equals). */
function smallestShown(
  counts: readonly number[],
  suppressed: ReadonlySet<number>,
  eligible: (c: number) => boolean,
): number[] | undefined {
  let smallest: number | undefined;
  counts.forEach((c, i) => {
    if (!suppressed.has(i) && eligible(c) && (smallest === undefined || c < smallest)) smallest = c;
  });
  if (smallest === undefined) return undefined;
  return counts.flatMap((c, i) => (!suppressed.has(i) && c === smallest ? [i] : []));
}

/** The breakdown with small cells suppressed so that none can be recovered from its total (see `suppressBreakdown`). */
export function suppressCounts(cells: readonly CountCell[], k: number): SuppressedCell[] {
  return suppressBreakdown(cells, k).cells;
}

/** Every cell suppressed: for a breakdown whose total may not be published. */
export function suppressAll(cells: readonly CountCell[]): SuppressedCell[] {
  return cells.map((c) => ({ key: c.key, count: null, suppressed: true }));
}
