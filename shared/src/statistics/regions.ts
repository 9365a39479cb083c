import { Region } from '../domain/enums';
import type { SubgraphContext } from '../subgraph/subgraph-context';
import { type MonthlyRow, type StratifiedRow, stratifiedCounts } from './monthly-counts';
import { type ProtectedYear, type YearCounts, protectYear } from './protect-year';
import { type ReportingPeriod, periodsOfYear } from './reporting-period';
import type { SuppressedCell } from './small-cell';

/**
 * Statistics by region (issue 13, point 3; docs/architecture.md, "Statistics"). Every count is computed by region
 * and protected together with its national figure (`YearCounts.strata`), whether or not a region is asked for: the
 * national answer is the same either way, and neither a region against the whole country nor the regions against
 * each other give a small count away. Breakdowns (gender, age, nationality, …) are published for the whole country
 * only (`BreakdownSpec.nationalOnly`): by region nearly all their cells are small, and protecting them takes the
 * totals with them — measured on the demo caseload, publishing only gender and age by region as well hid the
 * national total of a year of 103 victims and every region's quarters.
 */

/** The strata of every statistic: the regions of the local coordinating units, in their order. */
export const STATISTICS_REGIONS: readonly string[] = Object.values(Region);

/** A monthly row counted for one victim (`victim`), before the victim's region is known. */
export type VictimRow = MonthlyRow & { victim: string };

/**
 * An agency's rows by victim as rows by region, for several statistics at once. Only coordination knows a victim's
 * region: it answers the regions of the victims counted (service to service, for a statistics caller only; nothing
 * of them leaves the subgraph — only the protected aggregates do). A victim coordination does not know counts in
 * the whole country, under no region.
 */
export async function rowsByRegion<K extends string>(
  ctx: Pick<SubgraphContext, 'coordination'>,
  sets: Record<K, readonly VictimRow[]>,
): Promise<Record<K, StratifiedRow[]>> {
  const victims = [...new Set(Object.values<readonly VictimRow[]>(sets).flatMap((rows) => rows.map((r) => r.victim)))].sort();
  const regions = new Map<string, string | null>();
  for (let i = 0; i < victims.length; i += 10_000) {
    const batch = victims.slice(i, i + 10_000);
    const answer = await ctx.coordination.victimRegions(batch);
    batch.forEach((id, j) => regions.set(id, answer[j] ?? null));
  }
  const out = {} as Record<K, StratifiedRow[]>;
  for (const key of Object.keys(sets) as K[]) {
    out[key] = sets[key].map(({ victim, ...row }) => ({ ...row, stratum: regions.get(victim) ?? null }));
  }
  return out;
}

/**
 * One count of a fixed period — of the whole country, or of `region` — from its year's monthly rows by region,
 * protected over every period of that year and every region.
 */
export function protectedCount(period: ReportingPeriod, rows: readonly StratifiedRow[], k: number, region?: string | null): { value: number | null; suppressed: boolean } {
  const year = protectYear(stratifiedCounts(period.year, STATISTICS_REGIONS, { total: rows, breakdowns: [] }), k);
  return publishedCount(year.total(period, region ?? undefined)!);
}

/**
 * Counts at one point in time (a stock, such as victims under support at the end of a period), protected like a
 * year's: the counts go into one month of a year of their own, and the answer is that month's quarter, so that the
 * same rules (primary, secondary, across the strata) hold. `counts.year` is ignored.
 */
export function protectPoint(counts: Omit<YearCounts, 'year'>, k: number): { total(stratum?: string): SuppressedCell | undefined; breakdown(name: string, stratum?: string): SuppressedCell[] } {
  const month0 = (byMonth: readonly number[] | undefined) => (byMonth ? [byMonth.reduce((a, b) => a + b, 0), ...Array<number>(11).fill(0)] : undefined);
  const mapKeys = (m: ReadonlyMap<string, readonly number[]>) => new Map([...m].map(([key, v]) => [key, month0(v)!]));
  const year: ProtectedYear = protectYear(
    {
      year: POINT_YEAR,
      total: month0(counts.total),
      breakdowns: counts.breakdowns.map((b) => ({ spec: b.spec, byMonth: mapKeys(b.byMonth) })),
      strata: counts.strata?.map((s) => ({
        key: s.key,
        total: month0(s.total),
        breakdowns: new Map([...s.breakdowns].map(([name, byKey]) => [name, mapKeys(byKey)])),
      })),
    },
    k,
  );
  const quarter = periodsOfYear(POINT_YEAR).find((p) => p.kind === 'QUARTER')!;
  return { total: (stratum) => year.total(quarter, stratum), breakdown: (name, stratum) => year.breakdown(quarter, name, stratum) };
}

/** The year a point's counts are protected in (any year does; this one is never a reporting period of the hub). */
const POINT_YEAR = 1970;

/** The description of every statistics query's `region` argument. */
export const REGION_ARGUMENT =
  "A region: the same counts limited to that region's cases (safe houses: those in the region), protected together " +
  "with the whole country's, which do not change with it. Breakdowns other than by region are published for the " +
  'whole country only: with a region they are empty, and a count that is a breakdown cell (assistanceAccepted) is ' +
  'withheld. Without it, the whole country.';

/** A protected cell as the API publishes a single count. */
export const publishedCount = (cell: SuppressedCell): { value: number | null; suppressed: boolean } => ({
  value: cell.count,
  suppressed: cell.suppressed,
});
