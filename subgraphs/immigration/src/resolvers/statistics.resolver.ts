import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  countCells,
  requireStatistics,
  smallCellK,
  statisticsPeriod,
  suppressedBreakdown,
  suppressedCount,
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
    const { from, to } = statisticsPeriod(input);
    const k = smallCellK();
    const counts = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [reflection] = await tx.query<{ count: string }[]>(
        'SELECT count(*) AS count FROM reflection_period WHERE granted_at >= $1 AND granted_at < $2',
        [from, to],
      );
      const granted = await tx.query<{ key: string; count: string }[]>(
        `SELECT type AS key, count(*) AS count FROM permit
          WHERE decision = $3 AND decided_at >= $1 AND decided_at < $2 GROUP BY type`,
        [from, to, PermitDecision.GRANTED],
      );
      const [refused] = await tx.query<{ count: string }[]>(
        'SELECT count(*) AS count FROM permit WHERE decision = $3 AND decided_at >= $1 AND decided_at < $2',
        [from, to, PermitDecision.REFUSED],
      );
      const [returns] = await tx.query<{ count: string }[]>(
        'SELECT count(*) AS count FROM voluntary_return WHERE completed_at >= $1 AND completed_at < $2',
        [from, to],
      );
      return { reflection, granted, refused, returns };
    });
    return {
      reflectionPeriodsGranted: suppressedCount(Number(counts.reflection?.count ?? 0), k),
      permitsGrantedByType: suppressedBreakdown(countCells(counts.granted, Object.values(PermitType)), k),
      permitsRefused: suppressedCount(Number(counts.refused?.count ?? 0), k),
      returnsCompleted: suppressedCount(Number(counts.returns?.count ?? 0), k),
    };
  }
}
