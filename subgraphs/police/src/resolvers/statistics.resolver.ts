import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  protectedCount,
  readStatistics,
  Region,
  REGION_ARGUMENT,
  rowsByRegion,
  StatisticsPeriodInput,
  type StratifiedRow,
  type SubgraphContext,
  SuppressedCount,
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
    const { period, k, counts: monthly } = await readStatistics(ctx, input, async (year) => ({
      cooperationStarted: await year.victimRows('cooperation', 'since'),
      investigationsOpened: await year.victimRows('investigation', 'opened_at'),
      prosecutions: await year.victimRows('investigation', 'charged_at'),
      convictions: await year.victimRows('investigation', 'verdict_at', { where: 'status = $3', params: [InvestigationStatus.CONVICTED] }),
      acquittals: await year.victimRows('investigation', 'verdict_at', { where: 'status = $3', params: [InvestigationStatus.ACQUITTED] }),
    }));
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
