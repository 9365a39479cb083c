import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  type MonthlyRow,
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  monthOf,
  monthlyTotal,
  protectedCount,
  requireStatistics,
  smallCellK,
  statisticsPeriod,
  yearBounds,
} from '@hub/shared';
import { InvestigationStatus } from '../entities/investigation';

@ObjectType({ description: 'Police statistics of a period, with small-cell suppression.' })
class PoliceStatistics {
  @Field(() => SuppressedCount, { description: 'Victims who began to cooperate with the police in the period.' })
  cooperationStarted!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Investigations opened in the period.' })
  investigationsOpened!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Investigations in which charges were brought in the period.' })
  prosecutions!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Convictions handed down in the period.' })
  convictions!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Acquittals handed down in the period.' })
  acquittals!: SuppressedCount;
}

/** National police statistics from the police's own records; aggregates only. */
@Resolver()
export class PoliceStatisticsResolver {
  @Query(() => PoliceStatistics, {
    description:
      'Police statistics of a period, for purpose STATISTICS: cooperation, investigations, prosecutions and verdicts. ' +
      'Counts between 1 and k−1 are suppressed.',
  })
  async policeStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PoliceStatistics> {
    requireStatistics(ctx);
    const period = statisticsPeriod(input);
    const k = smallCellK();
    const monthly = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const count = async (table: string, column: string, where = 'TRUE', params: unknown[] = []) =>
        monthlyTotal(
          await tx.query<MonthlyRow[]>(
            `SELECT ${monthOf(column)} AS month, count(*) AS count FROM ${table}
              WHERE ${column} >= $1 AND ${column} < $2 AND ${where} GROUP BY 1`,
            [...yearBounds(period), ...params],
          ),
        );
      return {
        cooperationStarted: await count('cooperation', 'since'),
        investigationsOpened: await count('investigation', 'opened_at'),
        prosecutions: await count('investigation', 'charged_at'),
        convictions: await count('investigation', 'verdict_at', 'status = $3', [InvestigationStatus.CONVICTED]),
        acquittals: await count('investigation', 'verdict_at', 'status = $3', [InvestigationStatus.ACQUITTED]),
      };
    });
    return {
      cooperationStarted: protectedCount(period, monthly.cooperationStarted, k),
      investigationsOpened: protectedCount(period, monthly.investigationsOpened, k),
      prosecutions: protectedCount(period, monthly.prosecutions, k),
      convictions: protectedCount(period, monthly.convictions, k),
      acquittals: protectedCount(period, monthly.acquittals, k),
    };
  }
}
