import {
  type BreakdownSpec,
  type ReportingPeriod,
  type SuppressedCount,
  type BreakdownCell,
  breakdownCells,
  protectYear,
  publishedCount,
  withheldCount,
} from '@hub/shared';
import { SanctionKind } from '../entities/sanction';
import { Sector } from '../entities/workplace-inspection';

/** The labour inspection's counts of one year, by month (0-based), as its statistics query reads them. */
export interface LabourYearCounts {
  /** Inspection visits (a workplace on one day, however many victims were found there), by sector. */
  visitsBySector: ReadonlyMap<string, readonly number[]>;
  /** Workplaces inspected for the first time, in the month of their first inspection. */
  workplacesFirstInspected: readonly number[];
  /** Victims found at an inspection for the first time, in the month of their first inspection. */
  victimsFirstFound: readonly number[];
  policeReferrals: readonly number[];
  sanctionsByKind: ReadonlyMap<string, readonly number[]>;
  claimsFiled: readonly number[];
  claimsAwarded: readonly number[];
}

export interface LabourInspectionFigures {
  inspections: SuppressedCount;
  inspectionsBySector: BreakdownCell[];
  workplacesInspected: SuppressedCount;
  victimsFound: SuppressedCount;
  policeReferrals: SuppressedCount;
  sanctionsByKind: BreakdownCell[];
  backPayClaimsFiled: SuppressedCount;
  backPayClaimsAwarded: SuppressedCount;
}

const sectorSpec: BreakdownSpec = { name: 'sector', keys: Object.values(Sector), partitionsTotal: true };
const sanctionSpec: BreakdownSpec = { name: 'sanction', keys: Object.values(SanctionKind), partitionsTotal: false };

const sumByMonth = (byKey: ReadonlyMap<string, readonly number[]>): number[] =>
  Array.from({ length: 12 }, (_, m) => [...byKey.values()].reduce((sum, months) => sum + (months[m] ?? 0), 0));

/** One count of the whole country, protected over every period of its year. */
const nationalCount = (period: ReportingPeriod, byMonth: readonly number[], k: number): SuppressedCount =>
  publishedCount(protectYear({ year: period.year, total: byMonth, breakdowns: [] }, k).total(period)!);

/**
 * What the labour inspection publishes for one fixed period, under the small-cell rules every statistics view
 * shares (shared/src/statistics/protect-year.ts): the whole year is protected together; inspections with their
 * sectors (which add up to them), sanctions by kind, and each other count on its own. A month publishes totals only.
 *
 * For the whole country only: with a region every count is withheld and every breakdown empty. The inspection's
 * counts are few (tens of victims a year, against hundreds in coordination's caseload): protected by region with
 * the whole country's (shared/src/statistics/regions.ts), nearly every regional cell is small and secondary
 * suppression takes the national ones along — measured in this subgraph's end-to-end test, protected by region the
 * year's 22 victims found (test/foundation/labour-inspection.test.ts) were hidden for the whole country.
 * Counts of workplaces would not add up over regions anyway: one visit may find victims of several regions.
 */
export function publishLabourStatistics(
  period: ReportingPeriod,
  counts: LabourYearCounts,
  k: number,
  region?: string | null,
): LabourInspectionFigures {
  if (region) {
    return {
      inspections: withheldCount(),
      inspectionsBySector: [],
      workplacesInspected: withheldCount(),
      victimsFound: withheldCount(),
      policeReferrals: withheldCount(),
      sanctionsByKind: [],
      backPayClaimsFiled: withheldCount(),
      backPayClaimsAwarded: withheldCount(),
    };
  }
  const visits = protectYear(
    { year: period.year, total: sumByMonth(counts.visitsBySector), breakdowns: [{ spec: sectorSpec, byMonth: counts.visitsBySector }] },
    k,
  );
  const sanctions = protectYear({ year: period.year, breakdowns: [{ spec: sanctionSpec, byMonth: counts.sanctionsByKind }] }, k);
  const inspections = visits.total(period)!;
  return {
    inspections: { value: inspections.count, suppressed: inspections.suppressed },
    inspectionsBySector: breakdownCells(visits.breakdown(period, sectorSpec.name)),
    workplacesInspected: nationalCount(period, counts.workplacesFirstInspected, k),
    victimsFound: nationalCount(period, counts.victimsFirstFound, k),
    policeReferrals: nationalCount(period, counts.policeReferrals, k),
    sanctionsByKind: breakdownCells(sanctions.breakdown(period, sanctionSpec.name)),
    backPayClaimsFiled: nationalCount(period, counts.claimsFiled, k),
    backPayClaimsAwarded: nationalCount(period, counts.claimsAwarded, k),
  };
}
