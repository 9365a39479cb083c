import { type StratifiedRow, monthPeriod, periodsOfYear, quarterPeriod, yearPeriod } from '@hub/shared';
import { type LabourYearCounts, publishLabourStatistics } from '../statistics/labour-statistics';

/**
 * The labour inspection's statistics under the small-cell rules every statistics view shares, with k = 5 and the
 * expected answers worked out by hand from the rules (docs/architecture.md, "Statistics"; protect-year.ts):
 * 1..k−1 suppressed, a month publishes its total only, and a hidden cell that the shown ones give away (a quarter
 * minus its other months) takes along the smallest shown non-zero cell of its category.
 */
const k = 5;
const YEAR = 2024;
/** Twelve monthly counts from `{ month (1-12): count }`. */
const months = (counts: Record<number, number>): number[] => Array.from({ length: 12 }, (_, m) => counts[m + 1] ?? 0);
/** Victims' monthly rows in one region (the victim's region, as coordination answers it). */
const inRegion = (region: string, counts: Record<number, number>): StratifiedRow[] =>
  Object.entries(counts).map(([month, count]) => ({ month: Number(month) - 1, count, stratum: region }));

const counts: LabourYearCounts = {
  // Inspection visits: construction 6 in February and 7 in May; agriculture 3 in July and 5 in August.
  visitsBySector: new Map([
    ['CONSTRUCTION', months({ 2: 6, 5: 7 })],
    ['AGRICULTURE', months({ 7: 3, 8: 5 })],
  ]),
  workplacesFirstInspected: months({ 2: 1 }),
  // Victims found: 6 of Oslo in January, 5 of the west in April.
  victimsFirstFound: [...inRegion('OSLO', { 1: 6 }), ...inRegion('WEST', { 4: 5 })],
  policeReferrals: inRegion('OSLO', { 1: 5, 2: 7 }),
  // Two orders in March; six coercive fines in June.
  sanctionsByKind: new Map([
    ['ORDER', months({ 3: 2 })],
    ['COERCIVE_FINE', months({ 6: 6 })],
  ]),
  claimsFiled: inRegion('OSLO', { 1: 2, 2: 6 }),
  claimsAwarded: inRegion('MID', { 11: 4, 12: 3 }),
};
const publish = (period = yearPeriod(YEAR), region?: string) => publishLabourStatistics(period, counts, k, region);
const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
/** The sector breakdown in the order of the Sector enum, every other sector 0. */
const sectors = (construction: number, agriculture: number) => [
  { key: 'AGRICULTURE', ...shown(agriculture) },
  { key: 'CONSTRUCTION', ...shown(construction) },
  ...['CLEANING', 'HOSPITALITY', 'FISHERIES', 'MANUFACTURING', 'CAR_WASH', 'TRANSPORT', 'DOMESTIC_WORK', 'OTHER'].map((key) => ({ key, ...shown(0) })),
];

describe('inspections and sectors', () => {
  it('publishes the year: 6 + 7 + 3 + 5 = 21 inspections, construction 13 and agriculture 8', () => {
    expect(publish().inspections).toEqual(shown(21));
    expect(publish().inspectionsBySector).toEqual(sectors(13, 8));
  });

  it('publishes each quarter with its sectors (nothing between 1 and 4)', () => {
    expect(publish(quarterPeriod(YEAR, 1)).inspections).toEqual(shown(6));
    expect(publish(quarterPeriod(YEAR, 2)).inspectionsBySector).toEqual(sectors(7, 0));
    expect(publish(quarterPeriod(YEAR, 3)).inspections).toEqual(shown(8));
    expect(publish(quarterPeriod(YEAR, 3)).inspectionsBySector).toEqual(sectors(0, 8));
    expect(publish(quarterPeriod(YEAR, 4)).inspections).toEqual(shown(0));
  });

  it('hides July (3), and August with it: Q3 (8) minus August (5) minus September (0) would give July away', () => {
    expect(publish(monthPeriod(YEAR, 6)).inspections).toEqual(hidden);
    expect(publish(monthPeriod(YEAR, 7)).inspections).toEqual(hidden);
    expect(publish(monthPeriod(YEAR, 8)).inspections).toEqual(shown(0));
    expect(publish(monthPeriod(YEAR, 1)).inspections).toEqual(shown(6));
    expect(publish(monthPeriod(YEAR, 4)).inspections).toEqual(shown(7));
  });

  it('publishes no breakdown for a month', () => {
    expect(publish(monthPeriod(YEAR, 1)).inspectionsBySector).toEqual([]);
    expect(publish(monthPeriod(YEAR, 1)).sanctionsByKind).toEqual([]);
  });
});

describe('the other counts', () => {
  it('hides one workplace wherever it is the only one: February, Q1 and the year', () => {
    expect(publish().workplacesInspected).toEqual(hidden);
    expect(publish(quarterPeriod(YEAR, 1)).workplacesInspected).toEqual(hidden);
    expect(publish(monthPeriod(YEAR, 1)).workplacesInspected).toEqual(hidden);
    expect(publish(monthPeriod(YEAR, 0)).workplacesInspected).toEqual(shown(0));
    expect(publish(quarterPeriod(YEAR, 2)).workplacesInspected).toEqual(shown(0));
  });

  it('shows counts of k and more as they are', () => {
    expect(publish().victimsFound).toEqual(shown(11));
    expect(publish(monthPeriod(YEAR, 3)).victimsFound).toEqual(shown(5));
    expect(publish(quarterPeriod(YEAR, 1)).policeReferrals).toEqual(shown(12));
    expect(publish(monthPeriod(YEAR, 0)).policeReferrals).toEqual(shown(5));
  });

  it('hides 2 claims in January, and February (6) with them, since Q1 (8) minus February would give January away', () => {
    expect(publish(monthPeriod(YEAR, 0)).backPayClaimsFiled).toEqual(hidden);
    expect(publish(monthPeriod(YEAR, 1)).backPayClaimsFiled).toEqual(hidden);
    // The further cells the secondary suppression takes along depend on the regions' zeros (all 2 + 6 are Oslo's):
    // whatever it takes, nothing shown is small, and a shown quarter or year is the 8 claims.
    for (const period of periodsOfYear(YEAR)) {
      const cell = publish(period).backPayClaimsFiled;
      if (!cell.suppressed) expect(cell.value === 0 || cell.value! >= k).toBe(true);
      if (!cell.suppressed && period.kind !== 'MONTH' && period.from.getUTCMonth() < 3) expect(cell.value).toBe(8);
    }
  });

  it('hides November (4) and December (3) but shows Q4 (7): two hidden parts that are neither all 1s nor all 4s', () => {
    expect(publish(monthPeriod(YEAR, 10)).backPayClaimsAwarded).toEqual(hidden);
    expect(publish(monthPeriod(YEAR, 11)).backPayClaimsAwarded).toEqual(hidden);
    expect(publish(quarterPeriod(YEAR, 4)).backPayClaimsAwarded).toEqual(shown(7));
    expect(publish().backPayClaimsAwarded).toEqual(shown(7));
  });

  it('hides the 2 orders in Q1 and in the year; the 6 coercive fines are shown', () => {
    const kinds = (order: object, fines: number) => [
      { key: 'ORDER', ...order },
      { key: 'COERCIVE_FINE', ...shown(fines) },
      { key: 'INFRINGEMENT_FINE', ...shown(0) },
      { key: 'SUSPENSION_OF_OPERATIONS', ...shown(0) },
    ];
    expect(publish(quarterPeriod(YEAR, 1)).sanctionsByKind).toEqual(kinds(hidden, 0));
    expect(publish(quarterPeriod(YEAR, 2)).sanctionsByKind).toEqual(kinds(shown(0), 6));
    expect(publish().sanctionsByKind).toEqual(kinds(hidden, 6));
  });
});

describe('by region', () => {
  it("counts a region's victims: Oslo 6 of the year's 11 found, the west 5, the north none", () => {
    expect(publish(yearPeriod(YEAR), 'OSLO').victimsFound).toEqual(shown(6));
    expect(publish(yearPeriod(YEAR), 'WEST').victimsFound).toEqual(shown(5));
    expect(publish(yearPeriod(YEAR), 'NORTH').victimsFound).toEqual(shown(0));
    expect(publish(quarterPeriod(YEAR, 2), 'OSLO').victimsFound).toEqual(shown(0));
    expect(publish(quarterPeriod(YEAR, 2), 'WEST').victimsFound).toEqual(shown(5));
    expect(publish(yearPeriod(YEAR)).victimsFound).toEqual(shown(11));
  });

  it("hides a region's cells where the whole country's are hidden (Oslo's 2 claims in January and 6 in February)", () => {
    expect(publish(monthPeriod(YEAR, 0), 'OSLO').backPayClaimsFiled).toEqual(hidden);
    expect(publish(monthPeriod(YEAR, 1), 'OSLO').backPayClaimsFiled).toEqual(hidden);
    expect(publish(quarterPeriod(YEAR, 4), 'MID').backPayClaimsAwarded).toEqual(shown(7));
    expect(publish(monthPeriod(YEAR, 10), 'MID').backPayClaimsAwarded).toEqual(hidden);
  });

  it('withholds the counts of workplaces for a region (a visit may find victims of several regions)', () => {
    const oslo = publish(yearPeriod(YEAR), 'OSLO');
    expect(oslo.inspections).toEqual(hidden);
    expect(oslo.workplacesInspected).toEqual(hidden);
    expect(oslo.inspectionsBySector).toEqual([]);
    expect(oslo.sanctionsByKind).toEqual([]);
  });
});
