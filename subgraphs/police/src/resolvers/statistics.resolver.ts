import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  REGION_ARGUMENT,
  Region,
  type StratifiedRow,
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  type VictimRow,
  monthOf,
  protectedCount,
  requireStatistics,
  rowsByRegion,
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

/** Police statistics from the police's own records, by region; aggregates only. */
@Resolver()
export class PoliceStatisticsResolver {
  @Query(() => PoliceStatistics, {
    description:
      'Police statistics of a period, for purpose STATISTICS: cooperation, investigations, prosecutions and verdicts — of ' +
      'the whole country, or of one region. ' +
      'Counts between 1 and k−1 are suppressed.',
  })
  async policeStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Arg('region', () => Region, { nullable: true, description: REGION_ARGUMENT }) region: Region | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PoliceStatistics> {
    requireStatistics(ctx);
    const period = statisticsPeriod(input);
    const k = smallCellK();
    const monthly = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const count = (table: string, column: string, where = 'TRUE', params: unknown[] = []) =>
        tx.query<VictimRow[]>(
          `SELECT ${monthOf(column)} AS month, victim_id AS victim, count(*) AS count FROM ${table}
            WHERE ${column} >= $1 AND ${column} < $2 AND ${where} GROUP BY 1, 2`,
          [...yearBounds(period), ...params],
        );
      return {
        cooperationStarted: await count('cooperation', 'since'),
        investigationsOpened: await count('investigation', 'opened_at'),
        prosecutions: await count('investigation', 'charged_at'),
        convictions: await count('investigation', 'verdict_at', 'status = $3', [InvestigationStatus.CONVICTED]),
        acquittals: await count('investigation', 'verdict_at', 'status = $3', [InvestigationStatus.ACQUITTED]),
      };
    });
    // Each count by region, protected with the national one; the victims' regions come from coordination.
    const byRegion = await rowsByRegion(ctx, monthly);
    const count = (rows: StratifiedRow[]) => protectedCount(period, rows, k, region);
    return {
      cooperationStarted: count(byRegion.cooperationStarted),
      investigationsOpened: count(byRegion.investigationsOpened),
      prosecutions: count(byRegion.prosecutions),
      convictions: count(byRegion.convictions),
      acquittals: count(byRegion.acquittals),
    };
  }
}
