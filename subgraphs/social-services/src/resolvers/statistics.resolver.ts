import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  type BreakdownSpec,
  type MonthlyRow,
  breakdownCells,
  countCells,
  monthOf,
  monthlyByKey,
  monthlyTotal,
  protectYear,
  protectedCount,
  requireStatistics,
  smallCellK,
  statisticsPeriod,
  suppressedBreakdown,
  yearBounds,
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

/** National social services statistics from social services' own records; aggregates only. */
@Resolver()
export class AssistanceStatisticsResolver {
  @Query(() => AssistanceStatistics, {
    description:
      'Social services statistics of a period, for purpose STATISTICS: assistance decisions and acceptance, placements, ' +
      'measures by kind, safe-house capacity and occupancy. Counts between 1 and k−1 are suppressed.',
  })
  async assistanceStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AssistanceStatistics> {
    requireStatistics(ctx);
    const period = statisticsPeriod(input);
    const k = smallCellK();
    const counts = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const bounds = yearBounds(period);
      const decisions = await tx.query<MonthlyRow[]>(
        `SELECT ${monthOf('decided_at')} AS month, CASE WHEN accepted THEN 'ACCEPTED' ELSE 'DECLINED' END AS key, count(*) AS count
           FROM assistance_decision WHERE decided_at >= $1 AND decided_at < $2 GROUP BY 1, 2`,
        bounds,
      );
      const placements = await tx.query<MonthlyRow[]>(
        `SELECT ${monthOf('placed_from')} AS month, count(*) AS count FROM placement
          WHERE placed_from >= $1 AND placed_from < $2 GROUP BY 1`,
        bounds,
      );
      const measures = await tx.query<MonthlyRow[]>(
        `SELECT ${monthOf('started_at')} AS month, kind AS key, count(*) AS count FROM assistance_measure
          WHERE started_at >= $1 AND started_at < $2 GROUP BY 1, 2`,
        bounds,
      );
      const shelters = await tx.query<{ key: string; beds: string; long_term: string; occupied: string }[]>(
        `SELECT ${GROUP_KEY} AS key, sum(s.capacity) AS beds, sum(s.capacity) FILTER (WHERE s.long_term) AS long_term,
                sum((SELECT count(*) FROM placement p WHERE p.shelter_id = s.id AND p.placed_from < $1
                       AND (p.placed_until IS NULL OR p.placed_until >= $1))) AS occupied
           FROM shelter s GROUP BY 1 ORDER BY 1`,
        [period.to],
      );
      return { decisions: monthlyByKey(decisions), placements: monthlyTotal(placements), measures: monthlyByKey(measures), shelters };
    });
    // Decisions = accepted + declined, both protected with their total, so that declined stays protected too.
    const decisionSpec: BreakdownSpec = { name: 'decisions', keys: ['ACCEPTED', 'DECLINED'], partitionsTotal: true };
    const total = Array.from({ length: 12 }, (_, m) => [...counts.decisions.values()].reduce((sum, byMonth) => sum + byMonth[m]!, 0));
    const decisions = protectYear({ year: period.year, total, breakdowns: [{ spec: decisionSpec, byMonth: counts.decisions }] }, k);
    const measureSpec: BreakdownSpec = { name: 'measures', keys: Object.values(AssistanceMeasureKind), partitionsTotal: false };
    const measures = protectYear({ year: period.year, breakdowns: [{ spec: measureSpec, byMonth: counts.measures }] }, k);
    const decided = decisions.total(period)!;
    // A month publishes totals only: how many accepted is withheld for it.
    const accepted = decisions.breakdown(period, decisionSpec.name)[0] ?? { count: null, suppressed: true };
    const plain = (pick: (r: (typeof counts.shelters)[number]) => string | null) =>
      counts.shelters.map((r) => ({ key: r.key, value: Number(pick(r) ?? 0), suppressed: false }));
    return {
      assistanceDecisions: { value: decided.count, suppressed: decided.suppressed },
      assistanceAccepted: { value: accepted.count, suppressed: accepted.suppressed },
      placementsStarted: protectedCount(period, counts.placements, k),
      measuresByKind: breakdownCells(measures.breakdown(period, measureSpec.name)),
      shelterCapacityByGroup: plain((r) => r.beds),
      longTermCapacityByGroup: plain((r) => r.long_term),
      shelterOccupancyByGroup: suppressedBreakdown(countCells(counts.shelters.map((r) => ({ key: r.key, count: r.occupied }))), k),
    };
  }
}
