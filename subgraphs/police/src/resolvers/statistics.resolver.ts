import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  requireStatistics,
  smallCellK,
  statisticsPeriod,
  suppressedCount,
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

interface InvestigationCounts {
  opened: string;
  charged: string;
  convicted: string;
  acquitted: string;
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
    const { from, to } = statisticsPeriod(input);
    const k = smallCellK();
    const { investigations, cooperation } = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [inv] = await tx.query<InvestigationCounts[]>(
        `SELECT count(*) FILTER (WHERE opened_at >= $1 AND opened_at < $2) AS opened,
                count(*) FILTER (WHERE charged_at >= $1 AND charged_at < $2) AS charged,
                count(*) FILTER (WHERE status = $3 AND verdict_at >= $1 AND verdict_at < $2) AS convicted,
                count(*) FILTER (WHERE status = $4 AND verdict_at >= $1 AND verdict_at < $2) AS acquitted
           FROM investigation`,
        [from, to, InvestigationStatus.CONVICTED, InvestigationStatus.ACQUITTED],
      );
      const [coop] = await tx.query<{ count: string }[]>(
        'SELECT count(*) AS count FROM cooperation WHERE since >= $1 AND since < $2',
        [from, to],
      );
      return { investigations: inv, cooperation: coop };
    });
    return {
      cooperationStarted: suppressedCount(Number(cooperation?.count ?? 0), k),
      investigationsOpened: suppressedCount(Number(investigations?.opened ?? 0), k),
      prosecutions: suppressedCount(Number(investigations?.charged ?? 0), k),
      convictions: suppressedCount(Number(investigations?.convicted ?? 0), k),
      acquittals: suppressedCount(Number(investigations?.acquitted ?? 0), k),
    };
  }
}
