import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  type BreakdownSpec,
  type MonthlyRow,
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  breakdownCells,
  monthOf,
  monthlyByKey,
  monthlyTotal,
  protectYear,
  protectedCount,
  requireStatistics,
  smallCellK,
  statisticsPeriod,
  yearBounds,
} from '@hub/shared';
import { PermitDecision, PermitType } from '../entities/permit';

@ObjectType({ description: 'Immigration statistics of a period, with small-cell suppression.' })
class ImmigrationStatistics {
  @Field(() => SuppressedCount, { description: 'Reflection periods granted in the period.' })
  reflectionPeriodsGranted!: SuppressedCount;

  @Field(() => [BreakdownCell], {
    description: 'Residence permits granted in the period, by type (TEMPORARY_RESIDENCE, PERMANENT_RESIDENCE).',
  })
  permitsGrantedByType!: BreakdownCell[];

  @Field(() => SuppressedCount, { description: 'Permit applications refused in the period.' })
  permitsRefused!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Assisted voluntary returns completed in the period.' })
  returnsCompleted!: SuppressedCount;
}

/** National immigration statistics from the immigration authority's own records; aggregates only. */
@Resolver()
export class ImmigrationStatisticsResolver {
  @Query(() => ImmigrationStatistics, {
    description:
      'Immigration statistics of a period, for purpose STATISTICS: reflection periods, permits by type, refusals, ' +
      'returns. Counts between 1 and k−1 are suppressed.',
  })
  async immigrationStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ImmigrationStatistics> {
    requireStatistics(ctx);
    const period = statisticsPeriod(input);
    const k = smallCellK();
    const monthly = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const rows = (table: string, column: string, key: string | null, where = 'TRUE', params: unknown[] = []) =>
        tx.query<MonthlyRow[]>(
          `SELECT ${monthOf(column)} AS month${key ? `, ${key} AS key` : ''}, count(*) AS count FROM ${table}
            WHERE ${column} >= $1 AND ${column} < $2 AND ${where} GROUP BY 1${key ? ', 2' : ''}`,
          [...yearBounds(period), ...params],
        );
      return {
        reflection: monthlyTotal(await rows('reflection_period', 'granted_at', null)),
        granted: monthlyByKey(await rows('permit', 'decided_at', 'type', 'decision = $3', [PermitDecision.GRANTED])),
        refused: monthlyTotal(await rows('permit', 'decided_at', null, 'decision = $3', [PermitDecision.REFUSED])),
        returns: monthlyTotal(await rows('voluntary_return', 'completed_at', null)),
      };
    });
    const permits: BreakdownSpec = { name: 'permitsGrantedByType', keys: Object.values(PermitType), partitionsTotal: false };
    const byType = protectYear({ year: period.year, breakdowns: [{ spec: permits, byMonth: monthly.granted }] }, k);
    return {
      reflectionPeriodsGranted: protectedCount(period, monthly.reflection, k),
      permitsGrantedByType: breakdownCells(byType.breakdown(period, permits.name)),
      permitsRefused: protectedCount(period, monthly.refused, k),
      returnsCompleted: protectedCount(period, monthly.returns, k),
    };
  }
}
