import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  breakdownCells,
  countCells,
  requireStatistics,
  smallCellK,
  statisticsPeriod,
  suppressBreakdown,
  suppressedBreakdown,
  suppressedCount,
  withheldCount,
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
}

/** National social services statistics from social services' own records; aggregates only. */
@Resolver()
export class AssistanceStatisticsResolver {
  @Query(() => AssistanceStatistics, {
    description:
      'Social services statistics of a period, for purpose STATISTICS: assistance decisions and acceptance, placements, ' +
      'measures by kind. Counts between 1 and k−1 are suppressed.',
  })
  async assistanceStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AssistanceStatistics> {
    requireStatistics(ctx);
    const { from, to } = statisticsPeriod(input);
    const k = smallCellK();
    const counts = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const decisions = await tx.query<{ key: string; count: string }[]>(
        `SELECT CASE WHEN accepted THEN 'ACCEPTED' ELSE 'DECLINED' END AS key, count(*) AS count FROM assistance_decision
          WHERE decided_at >= $1 AND decided_at < $2 GROUP BY accepted`,
        [from, to],
      );
      const [placements] = await tx.query<{ count: string }[]>(
        'SELECT count(*) AS count FROM placement WHERE placed_from >= $1 AND placed_from < $2',
        [from, to],
      );
      const measures = await tx.query<{ key: string; count: string }[]>(
        'SELECT kind AS key, count(*) AS count FROM assistance_measure WHERE started_at >= $1 AND started_at < $2 GROUP BY kind',
        [from, to],
      );
      return { decisions, placements, measures };
    });
    // Decisions = accepted + declined: a breakdown whose total is published, so that declined stays protected.
    const decisionCells = countCells(counts.decisions, ['ACCEPTED', 'DECLINED']);
    const decisions = suppressBreakdown(decisionCells, k);
    const total = decisionCells.reduce((sum, c) => sum + c.count, 0);
    const [accepted] = breakdownCells(decisions.cells);
    return {
      assistanceDecisions: decisions.totalPublishable ? suppressedCount(total, k) : withheldCount(),
      assistanceAccepted: accepted ? { value: accepted.value, suppressed: accepted.suppressed } : withheldCount(),
      placementsStarted: suppressedCount(Number(counts.placements?.count ?? 0), k),
      measuresByKind: suppressedBreakdown(countCells(counts.measures, Object.values(AssistanceMeasureKind)), k),
    };
  }
}
