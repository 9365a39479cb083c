import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  breakdownCells,
  type BreakdownSpec,
  protectedCount,
  protectYear,
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

/** Immigration statistics from the immigration authority's own records, by region; aggregates only. */
@Resolver()
export class ImmigrationStatisticsResolver {
  @Query(() => ImmigrationStatistics, {
    description:
      'Immigration statistics of a period, for purpose STATISTICS: reflection periods, permits by type, refusals, ' +
      'returns — of the whole country, or of one region. Counts between 1 and k−1 are suppressed.',
  })
  async immigrationStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Arg('region', () => Region, { nullable: true, description: REGION_ARGUMENT }) region: Region | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ImmigrationStatistics> {
    const { period, k, counts: monthly } = await readStatistics(ctx, input, async (year) => ({
      reflection: await year.victimRows('reflection_period', 'granted_at'),
      granted: await year.victimRows('permit', 'decided_at', { key: 'type', where: 'decision = $3', params: [PermitDecision.GRANTED] }),
      refused: await year.victimRows('permit', 'decided_at', { where: 'decision = $3', params: [PermitDecision.REFUSED] }),
      returns: await year.victimRows('voluntary_return', 'completed_at'),
    }));
    const permits: BreakdownSpec = { name: 'permitsGrantedByType', keys: Object.values(PermitType), partitionsTotal: false, nationalOnly: true };
    // Each statistic by region, protected with the national one; the victims' regions come from coordination.
    const byRegion = await rowsByRegion(ctx, monthly);
    const stratum = region ?? undefined;
    const count = (rows: StratifiedRow[]) => protectedCount(period, rows, k, region);
    const byType = protectYear(stratifiedCounts(period.year, STATISTICS_REGIONS, { breakdowns: [{ spec: permits, rows: byRegion.granted }] }), k);
    return {
      reflectionPeriodsGranted: count(byRegion.reflection),
      permitsGrantedByType: breakdownCells(byType.breakdown(period, permits.name, stratum)),
      permitsRefused: count(byRegion.refused),
      returnsCompleted: count(byRegion.returns),
    };
  }
}
