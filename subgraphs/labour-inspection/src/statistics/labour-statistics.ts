import {
  type BreakdownSpec,
  type ReportingPeriod,
  type SuppressedCount,
  type BreakdownCell,
  type StratifiedRow,
  breakdownCells,
  protectYear,
  protectedCount,
  withheldCount,
} from '@hub/shared';
import { SanctionKind } from '../entities/sanction';
import { Sector } from '../entities/workplace-inspection';

/**
 * The labour inspection's counts of one year, by month (0-based), as its statistics query reads them. Counts of
 * workplaces (visits, workplaces, sectors, sanctions) are the whole country's: a workplace visit may find victims
 * of several regions, so visits do not add up over regions. Counts of victims (found, referred, claims) are rows by
 * the victim's region (`stratum`, from coordination), protected with the whole country's (shared/src/statistics/regions.ts).
 */
export interface LabourYearCounts {
  /** Inspection visits (a workplace on one day, however many victims were found there), by sector. */
  visitsBySector: ReadonlyMap<string, readonly number[]>;
  /** Workplaces inspected for the first time, in the month of their first inspection. */
  workplacesFirstInspected: readonly number[];
  /** Victims found at an inspection for the first time, in the month of their first inspection. */
  victimsFirstFound: readonly StratifiedRow[];
  policeReferrals: readonly StratifiedRow[];
  sanctionsByKind: ReadonlyMap<string, readonly number[]>;
  claimsFiled: readonly StratifiedRow[];
  claimsAwarded: readonly StratifiedRow[];
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

/**
 * What the labour inspection publishes for one fixed period — of the whole country, or of `region` — under the
 * small-cell rules every statistics view shares (shared/src/statistics/protect-year.ts): the whole year is protected
 * together; inspections with their sectors (which add up to them), sanctions by kind, and each other count on its
 * own, each victim count by region with the whole country's. A month publishes totals only. With a region, the
 * counts of workplaces are withheld and their breakdowns empty: they are published for the whole country only.
 */
export function publishLabourStatistics(
  period: ReportingPeriod,
  counts: LabourYearCounts,
  k: number,
  region?: string | null,
): LabourInspectionFigures {
  const victims = (rows: readonly StratifiedRow[]) => protectedCount(period, rows, k, region);
  if (region) {
    return {
      inspections: withheldCount(),
      inspectionsBySector: [],
      workplacesInspected: withheldCount(),
      victimsFound: victims(counts.victimsFirstFound),
      policeReferrals: victims(counts.policeReferrals),
      sanctionsByKind: [],
      backPayClaimsFiled: victims(counts.claimsFiled),
      backPayClaimsAwarded: victims(counts.claimsAwarded),
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
    workplacesInspected: protectedCount(period, counts.workplacesFirstInspected.map((count, month) => ({ month, count, stratum: null })), k),
    victimsFound: victims(counts.victimsFirstFound),
    policeReferrals: victims(counts.policeReferrals),
    sanctionsByKind: breakdownCells(sanctions.breakdown(period, sanctionSpec.name)),
    backPayClaimsFiled: victims(counts.claimsFiled),
    backPayClaimsAwarded: victims(counts.claimsAwarded),
  };
}
