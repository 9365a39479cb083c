import { monthPeriod, quarterPeriod, yearPeriod } from '@hub/shared';
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

const counts: LabourYearCounts = {
  // Inspection visits: construction 6 in February and 7 in May; agriculture 3 in July and 5 in August.
  visitsBySector: new Map([
    ['CONSTRUCTION', months({ 2: 6, 5: 7 })],
    ['AGRICULTURE', months({ 7: 3, 8: 5 })],
  ]),
  workplacesFirstInspected: months({ 2: 1 }),
  victimsFirstFound: months({ 1: 6, 4: 5 }),
  policeReferrals: months({ 1: 5, 2: 7 }),
  // Two orders in March; six coercive fines in June.
  sanctionsByKind: new Map([
    ['ORDER', months({ 3: 2 })],
    ['COERCIVE_FINE', months({ 6: 6 })],
  ]),
  claimsFiled: months({ 1: 2, 2: 6 }),
  claimsAwarded: months({ 11: 4, 12: 3 }),
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
    expect(publish(monthPeriod(YEAR, 2)).backPayClaimsFiled).toEqual(shown(0));
    expect(publish(quarterPeriod(YEAR, 1)).backPayClaimsFiled).toEqual(shown(8));
    expect(publish().backPayClaimsFiled).toEqual(shown(8));
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
  it('withholds every count for a region and publishes no breakdown (the whole country only)', () => {
    const oslo = publish(quarterPeriod(YEAR, 1), 'OSLO');
    for (const count of [oslo.inspections, oslo.workplacesInspected, oslo.victimsFound, oslo.policeReferrals, oslo.backPayClaimsFiled, oslo.backPayClaimsAwarded]) {
      expect(count).toEqual(hidden);
    }
    expect([oslo.inspectionsBySector, oslo.sanctionsByKind]).toEqual([[], []]);
  });

  it('answers the whole country the same whether or not a region was asked before', () => {
    publish(yearPeriod(YEAR), 'WEST');
    expect(publish().victimsFound).toEqual(shown(11));
  });
});
