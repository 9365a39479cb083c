import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  type BreakdownSpec,
  REGION_ARGUMENT,
  Region,
  STATISTICS_REGIONS,
  type StratifiedRow,
  type SubgraphContext,
  StatisticsPeriodInput,
  SuppressedCount,
  type VictimRow,
  breakdownCells,
  monthOf,
  protectYear,
  protectedCount,
  requireStatistics,
  rowsByRegion,
  smallCellK,
  statisticsPeriod,
  stratifiedCounts,
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
    requireStatistics(ctx);
    const period = statisticsPeriod(input);
    const k = smallCellK();
    const monthly = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const rows = (table: string, column: string, key: string | null, where = 'TRUE', params: unknown[] = []) =>
        tx.query<VictimRow[]>(
          `SELECT ${monthOf(column)} AS month, victim_id AS victim${key ? `, ${key} AS key` : ''}, count(*) AS count FROM ${table}
            WHERE ${column} >= $1 AND ${column} < $2 AND ${where} GROUP BY 1, 2${key ? ', 3' : ''}`,
          [...yearBounds(period), ...params],
        );
      return {
        reflection: await rows('reflection_period', 'granted_at', null),
        granted: await rows('permit', 'decided_at', 'type', 'decision = $3', [PermitDecision.GRANTED]),
        refused: await rows('permit', 'decided_at', null, 'decision = $3', [PermitDecision.REFUSED]),
        returns: await rows('voluntary_return', 'completed_at', null),
      };
    });
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
