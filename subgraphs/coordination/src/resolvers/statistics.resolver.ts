import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  BreakdownCell,
  type BreakdownSpec,
  ExploitationForm,
  type MonthlyRow,
  type ReportingPeriod,
  type YearCounts,
  Gender,
  Region,
  type SubgraphContext,
  SupportEventKind,
  StatisticsPeriodInput,
  SuppressedCount,
  breakdownCells,
  requireStatistics,
  smallCellK,
  monthOf,
  monthlyByKey,
  monthlyTotal,
  protectYear,
  statisticsPeriod,
  suppressedCount,
  yearBounds,
} from '@hub/shared';

@ObjectType({
  description:
    'The caseload of a fixed period, with small-cell suppression protected across every period of its year: small ' +
    'categories are merged (MALE_OR_OTHER, OTHER nationalities), breakdowns are published by quarter and year only.',
})
class CaseloadStatistics {
  @Field(() => SuppressedCount, { description: 'Victims identified in the period.' })
  identified!: SuppressedCount;

  @Field(() => [BreakdownCell], {
    description: 'Victims identified in the period, by exploitation form (a victim may count under several forms).',
  })
  byExploitationForm!: BreakdownCell[];

  @Field(() => [BreakdownCell], { description: 'Victims identified in the period, by gender (MALE and OTHER as MALE_OR_OTHER in a year where either is small).' })
  byGender!: BreakdownCell[];

  @Field(() => [BreakdownCell], { description: 'Victims identified in the period: MINOR or ADULT at identification.' })
  byAgeGroup!: BreakdownCell[];

  @Field(() => [BreakdownCell], {
    description:
      'Victims identified in the period, by first nationality (ISO 3166-1 alpha-2) in code order; the nationalities that are ' +
      'small in the year follow as OTHER.',
  })
  byNationality!: BreakdownCell[];

  @Field(() => [BreakdownCell], { description: 'Victims identified in the period, by region of the case.' })
  byRegion!: BreakdownCell[];

  @Field(() => SuppressedCount, {
    description: 'Victims identified before the end of the period whose stage at its end is not RETURNED.',
  })
  underSupport!: SuppressedCount;
}

type Rows = MonthlyRow[];
const IN_YEAR = 'identified_at >= $1 AND identified_at < $2';
const MONTH = monthOf('identified_at');

/** How each breakdown is published: which keys, whether it adds up to `identified`, which small keys merge. */
const BREAKDOWNS: Record<'byExploitationForm' | 'byGender' | 'byAgeGroup' | 'byNationality' | 'byRegion', BreakdownSpec> = {
  // A victim may count under several forms: the cells do not add up to the total.
  byExploitationForm: { name: 'byExploitationForm', keys: Object.values(ExploitationForm), partitionsTotal: false },
  byGender: {
    name: 'byGender',
    keys: Object.values(Gender),
    partitionsTotal: true,
    merge: { label: 'MALE_OR_OTHER', members: [Gender.MALE, Gender.OTHER] },
  },
  byAgeGroup: { name: 'byAgeGroup', keys: ['MINOR', 'ADULT'], partitionsTotal: true },
  byNationality: { name: 'byNationality', keys: [], partitionsTotal: true, merge: { label: 'OTHER', members: 'small' } },
  byRegion: { name: 'byRegion', keys: Object.values(Region), partitionsTotal: true },
};

/** Monthly counts of the period's year, one statement per breakdown, all in one snapshot. */
async function caseloadCounts(tx: EntityManager, period: ReportingPeriod): Promise<YearCounts> {
  const bounds = yearBounds(period);
  const rows = (sql: string): Promise<Rows> => tx.query(sql, bounds);
  const total = await rows(`SELECT ${MONTH} AS month, count(*) AS count FROM victim WHERE ${IN_YEAR} GROUP BY 1`);
  const byMonth = {
    byExploitationForm: await rows(
      `SELECT ${MONTH} AS month, form AS key, count(DISTINCT v.id) AS count FROM victim v, unnest(v.exploitation_forms) AS form
        WHERE ${IN_YEAR} GROUP BY 1, 2`,
    ),
    byGender: await rows(`SELECT ${MONTH} AS month, gender AS key, count(*) AS count FROM victim WHERE ${IN_YEAR} GROUP BY 1, 2`),
    byAgeGroup: await rows(
      `SELECT ${MONTH} AS month, CASE WHEN minor THEN 'MINOR' ELSE 'ADULT' END AS key, count(*) AS count FROM victim
        WHERE ${IN_YEAR} GROUP BY 1, 2`,
    ),
    byNationality: await rows(
      `SELECT ${MONTH} AS month, coalesce(nationalities[1], 'UNKNOWN') AS key, count(*) AS count FROM victim
        WHERE ${IN_YEAR} GROUP BY 1, 2`,
    ),
    byRegion: await rows(`SELECT ${MONTH} AS month, region AS key, count(*) AS count FROM victim WHERE ${IN_YEAR} GROUP BY 1, 2`),
  };
  return {
    year: period.year,
    total: monthlyTotal(total),
    breakdowns: Object.values(BREAKDOWNS).map((spec) => ({ spec, byMonth: monthlyByKey(byMonth[spec.name as keyof typeof byMonth]) })),
  };
}

/** Victims identified before `to` whose stage at `to` is not RETURNED (as `stageOf` reads the events). */
async function underSupportAt(tx: EntityManager, to: Date): Promise<number> {
  const [row] = await tx.query<{ count: string }[]>(
    `SELECT count(*) AS count FROM victim v
      WHERE v.identified_at < $1
        AND NOT EXISTS (SELECT 1 FROM support_event e WHERE e.victim_id = v.id AND e.kind = $2 AND e.at <= $1)`,
    [to, SupportEventKind.RETURN_COMPLETED],
  );
  return Number(row?.count ?? 0);
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
    const period = statisticsPeriod(input);
    const k = smallCellK();
    const { counts, underSupport } = await ctx.dataSource.transaction('REPEATABLE READ', async (tx) => ({
      counts: await caseloadCounts(tx, period),
      underSupport: await underSupportAt(tx, period.to),
    }));
    const year = protectYear(counts, k);
    const cells = (name: keyof typeof BREAKDOWNS) => breakdownCells(year.breakdown(period, name));
    const identified = year.total(period)!;
    return {
      identified: { value: identified.count, suppressed: identified.suppressed },
      byExploitationForm: cells('byExploitationForm'),
      byGender: cells('byGender'),
      byAgeGroup: cells('byAgeGroup'),
      byNationality: cells('byNationality'),
      byRegion: cells('byRegion'),
      underSupport: suppressedCount(underSupport, k),
    };
  }
}
