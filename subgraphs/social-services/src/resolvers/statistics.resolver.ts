import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  breakdownCells,
  type BreakdownSpec,
  protectedCount,
  protectPoint,
  protectYear,
  publishedCount,
  readStatistics,
  Region,
  REGION_ARGUMENT,
  rowsByRegion,
  STATISTICS_REGIONS,
  StatisticsPeriodInput,
  stratifiedCounts,
  type StratifiedRow,
  type SubgraphContext,
  SuppressedCount,
} from '@hub/shared';
import { AssistanceMeasureKind } from '../entities/assistance-measure';

@ObjectType({ description: 'Social services statistics of a period, with small-cell suppression.' })
class AssistanceStatistics {
  @Field(() => SuppressedCount, { description: 'Victims who decided in the period whether to accept the assistance offered.' })
  assistanceDecisions!: SuppressedCount;

  @Field(() => SuppressedCount, {
    description:
      'Of those, victims who accepted. Suppressed also when the victims who declined (decisions minus accepted) are few.',
  })
  assistanceAccepted!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Safe-house placements that began in the period.' })
  placementsStarted!: SuppressedCount;

  @Field(() => [BreakdownCell], { description: 'Assistance measures started in the period, by kind.' })
  measuresByKind!: BreakdownCell[];

  @Field(() => [BreakdownCell], {
    description:
      'Safe-house beds at the end of the period, by whom the houses take in (WOMEN, MEN, MINORS, or several joined ' +
      'with _AND_). Beds are not personal: never suppressed.',
  })
  shelterCapacityByGroup!: BreakdownCell[];

  @Field(() => [BreakdownCell], {
    description: 'Of those, beds long-term (not crisis) accommodation, by the same groups. Not personal: never suppressed.',
  })
  longTermCapacityByGroup!: BreakdownCell[];

  @Field(() => [BreakdownCell], {
    description: 'Victims placed in a safe house at the end of the period, by whom the house takes in; small cells suppressed.',
  })
  shelterOccupancyByGroup!: BreakdownCell[];
}

/** Who a safe house takes in, as one key: `WOMEN`, `MEN_AND_WOMEN`, … (groups in alphabetical order). */
const GROUP_KEY = `array_to_string(ARRAY(SELECT g FROM unnest(s.accepts) AS g ORDER BY g), '_AND_')`;

/** Social services statistics from social services' own records, by region; aggregates only. */
@Resolver()
export class AssistanceStatisticsResolver {
  @Query(() => AssistanceStatistics, {
    description:
      'Social services statistics of a period, for purpose STATISTICS: assistance decisions and acceptance, placements, ' +
      'measures by kind, safe-house capacity and occupancy — of the whole country, or of one region (safe houses: those in ' +
      'the region). Counts between 1 and k−1 are suppressed.',
  })
  async assistanceStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Arg('region', () => Region, { nullable: true, description: REGION_ARGUMENT }) region: Region | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AssistanceStatistics> {
    const { period, k, counts } = await readStatistics(ctx, input, async ({ tx, period: { to }, victimRows }) => {
      const decisions = await victimRows('assistance_decision', 'decided_at', { key: "CASE WHEN accepted THEN 'ACCEPTED' ELSE 'DECLINED' END" });
      const placements = await victimRows('placement', 'placed_from');
      const measures = await victimRows('assistance_measure', 'started_at', { key: 'kind' });
      // Safe houses by the region they are in (not personal), and the persons placed there at the end of the period.
      const shelters = await tx.query<{ key: string; stratum: string; beds: string; long_term: string; occupied: string }[]>(
        `SELECT ${GROUP_KEY} AS key, s.region AS stratum, sum(s.capacity) AS beds, sum(s.capacity) FILTER (WHERE s.long_term) AS long_term,
                sum((SELECT count(*) FROM placement p WHERE p.shelter_id = s.id AND p.placed_from < $1
                       AND (p.placed_until IS NULL OR p.placed_until >= $1))) AS occupied
           FROM shelter s GROUP BY 1, 2 ORDER BY 1, 2`,
        [to],
      );
      return { decisions, placements, measures, shelters };
    });
    const stratum = region ?? undefined;
    const byRegion = await rowsByRegion(ctx, { decisions: counts.decisions, placements: counts.placements, measures: counts.measures });
    // Decisions = accepted + declined, both protected with their total, so that declined stays protected too.
    const decisionSpec: BreakdownSpec = { name: 'decisions', keys: ['ACCEPTED', 'DECLINED'], partitionsTotal: true, nationalOnly: true };
    const decisions = protectYear(
      stratifiedCounts(period.year, STATISTICS_REGIONS, { total: byRegion.decisions, breakdowns: [{ spec: decisionSpec, rows: byRegion.decisions }] }),
      k,
    );
    const measureSpec: BreakdownSpec = { name: 'measures', keys: Object.values(AssistanceMeasureKind), partitionsTotal: false, nationalOnly: true };
    const measures = protectYear(stratifiedCounts(period.year, STATISTICS_REGIONS, { breakdowns: [{ spec: measureSpec, rows: byRegion.measures }] }), k);
    // A month publishes totals only, and a region the decisions' total only: how many accepted is withheld for them.
    const accepted = decisions.breakdown(period, decisionSpec.name, stratum)[0] ?? { key: 'ACCEPTED', count: null, suppressed: true };
    const inRegion = counts.shelters.filter((r) => !region || r.stratum === region);
    const groups = [...new Set(inRegion.map((r) => r.key))];
    const plain = (pick: (r: (typeof counts.shelters)[number]) => string | null) =>
      groups.map((key) => ({
        key,
        value: inRegion.filter((r) => r.key === key).reduce((sum, r) => sum + Number(pick(r) ?? 0), 0),
        suppressed: false,
      }));
    // Every person placed is in one house: protected as if the total were published too (it is not).
    const occupancySpec: BreakdownSpec = {
      name: 'occupancy',
      keys: [...new Set(counts.shelters.map((r) => r.key))],
      partitionsTotal: true,
      nationalOnly: true,
    };
    const placed = counts.shelters.map((r): StratifiedRow => ({ month: 0, key: r.key, stratum: r.stratum, count: r.occupied }));
    const occupancy = protectPoint(
      stratifiedCounts(period.year, STATISTICS_REGIONS, { total: placed, breakdowns: [{ spec: occupancySpec, rows: placed }] }),
      k,
    );
    return {
      assistanceDecisions: publishedCount(decisions.total(period, stratum)!),
      assistanceAccepted: publishedCount(accepted),
      placementsStarted: protectedCount(period, byRegion.placements, k, region),
      measuresByKind: breakdownCells(measures.breakdown(period, measureSpec.name, stratum)),
      shelterCapacityByGroup: plain((r) => r.beds),
      longTermCapacityByGroup: plain((r) => r.long_term),
      shelterOccupancyByGroup: breakdownCells(occupancy.breakdown(occupancySpec.name, stratum).filter((c) => groups.includes(c.key))),
    };
  }
}
