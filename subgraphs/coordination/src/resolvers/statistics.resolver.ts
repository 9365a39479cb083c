import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  BreakdownCell,
  type CountCell,
  ExploitationForm,
  Gender,
  Region,
  type SubgraphContext,
  SupportEventKind,
  StatisticsPeriodInput,
  SuppressedCount,
  breakdownCells,
  countCells,
  requireStatistics,
  smallCellK,
  statisticsPeriod,
  suppressAll,
  suppressBreakdown,
  suppressedCount,
  withheldCount,
} from '@hub/shared';

@ObjectType({
  description:
    'The caseload of a period, with small-cell suppression. When the period is so thin that a breakdown could ' +
    'give a small cell away, `identified` and every breakdown are suppressed together.',
})
class CaseloadStatistics {
  @Field(() => SuppressedCount, { description: 'Victims identified in the period.' })
  identified!: SuppressedCount;

  @Field(() => [BreakdownCell], {
    description: 'Victims identified in the period, by exploitation form (a victim may count under several forms).',
  })
  byExploitationForm!: BreakdownCell[];

  @Field(() => [BreakdownCell], { description: 'Victims identified in the period, by gender.' })
  byGender!: BreakdownCell[];

  @Field(() => [BreakdownCell], { description: 'Victims identified in the period: MINOR or ADULT at identification.' })
  byAgeGroup!: BreakdownCell[];

  @Field(() => [BreakdownCell], {
    description: 'Victims identified in the period, by first nationality (ISO 3166-1 alpha-2), in code order.',
  })
  byNationality!: BreakdownCell[];

  @Field(() => [BreakdownCell], { description: 'Victims identified in the period, by region of the case.' })
  byRegion!: BreakdownCell[];

  @Field(() => SuppressedCount, {
    description: 'Victims identified before the end of the period whose stage at its end is not RETURNED.',
  })
  underSupport!: SuppressedCount;
}

type Rows = { key: string; count: string }[];
const IN_PERIOD = 'identified_at >= $1 AND identified_at < $2';

/** One aggregate statement per breakdown, all in one snapshot so that every breakdown sums to the same total. */
async function caseloadCounts(tx: EntityManager, from: Date, to: Date) {
  const rows = (sql: string): Promise<Rows> => tx.query(sql, [from, to]);
  const [identified] = await tx.query<{ count: string }[]>(`SELECT count(*) AS count FROM victim WHERE ${IN_PERIOD}`, [from, to]);
  const forms = await rows(
    `SELECT form AS key, count(DISTINCT v.id) AS count FROM victim v, unnest(v.exploitation_forms) AS form
      WHERE ${IN_PERIOD} GROUP BY form`,
  );
  const genders = await rows(`SELECT gender AS key, count(*) AS count FROM victim WHERE ${IN_PERIOD} GROUP BY gender`);
  const ages = await rows(
    `SELECT CASE WHEN minor THEN 'MINOR' ELSE 'ADULT' END AS key, count(*) AS count FROM victim WHERE ${IN_PERIOD} GROUP BY minor`,
  );
  const nationalities = await rows(
    `SELECT coalesce(nationalities[1], 'UNKNOWN') AS key, count(*) AS count FROM victim WHERE ${IN_PERIOD} GROUP BY 1`,
  );
  const regions = await rows(`SELECT region AS key, count(*) AS count FROM victim WHERE ${IN_PERIOD} GROUP BY region`);
  // The stage at `to` is RETURNED once a completed return is on the path (as `stageOf` reads the events).
  const [underSupport] = await tx.query<{ count: string }[]>(
    `SELECT count(*) AS count FROM victim v
      WHERE v.identified_at < $1
        AND NOT EXISTS (SELECT 1 FROM support_event e WHERE e.victim_id = v.id AND e.kind = $2 AND e.at <= $1)`,
    [to, SupportEventKind.RETURN_COMPLETED],
  );
  return {
    identified: Number(identified?.count ?? 0),
    underSupport: Number(underSupport?.count ?? 0),
    breakdowns: {
      byExploitationForm: countCells(forms, Object.values(ExploitationForm)),
      byGender: countCells(genders, Object.values(Gender)),
      byAgeGroup: countCells(ages, ['MINOR', 'ADULT']),
      byNationality: countCells(nationalities),
      byRegion: countCells(regions, Object.values(Region)),
    },
  };
}

/** National caseload statistics from the registry; aggregates only, read by analysts and coordinators. */
@Resolver()
export class CaseloadStatisticsResolver {
  @Query(() => CaseloadStatistics, {
    description:
      'Caseload statistics of a period, for purpose STATISTICS: victims identified by exploitation form, gender, ' +
      'minor/adult, nationality and region, and victims under support. Counts between 1 and k−1 are suppressed.',
  })
  async caseloadStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CaseloadStatistics> {
    requireStatistics(ctx);
    const { from, to } = statisticsPeriod(input);
    const k = smallCellK();
    const counts = await ctx.dataSource.transaction('REPEATABLE READ', (tx) => caseloadCounts(tx, from, to));
    const entries = Object.entries(counts.breakdowns) as [keyof typeof counts.breakdowns, CountCell[]][];
    const suppressed = entries.map(([name, cells]) => [name, suppressBreakdown(cells, k)] as const);
    // Every breakdown's cells sum to `identified` (exploitation forms to at least that). If one of them could
    // only be protected by hiding that total, or the total is itself small, the whole period is withheld: a
    // total hidden in one place must not be recoverable from a breakdown shown in full elsewhere.
    const withheld = counts.identified > 0 && (counts.identified < k || suppressed.some(([, b]) => !b.totalPublishable));
    const breakdowns = Object.fromEntries(
      suppressed.map(([name, b]) => [name, breakdownCells(withheld ? suppressAll(counts.breakdowns[name]) : b.cells)]),
    ) as Record<keyof typeof counts.breakdowns, BreakdownCell[]>;
    return {
      identified: withheld ? withheldCount() : suppressedCount(counts.identified, k),
      ...breakdowns,
      underSupport: suppressedCount(counts.underSupport, k),
    };
  }
}
