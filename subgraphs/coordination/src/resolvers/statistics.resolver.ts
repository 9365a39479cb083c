import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  BreakdownCell,
  breakdownCells,
  type BreakdownSpec,
  ExploitationForm,
  Gender,
  monthOf,
  protectPoint,
  protectYear,
  publishedCount,
  readStatistics,
  Region,
  REGION_ARGUMENT,
  type ReportingPeriod,
  STATISTICS_REGIONS,
  StatisticsPeriodInput,
  stratifiedCounts,
  type StratifiedRow,
  type SubgraphContext,
  SupportEventKind,
  SuppressedCount,
  yearBounds,
  type YearCounts,
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

  @Field(() => [BreakdownCell], {
    description: 'Victims identified in the period, by region of the case (with `region`: that region only). Quarters and years only.',
  })
  byRegion!: BreakdownCell[];

  @Field(() => SuppressedCount, {
    description: 'Victims identified before the end of the period whose stage at its end is not RETURNED.',
  })
  underSupport!: SuppressedCount;
}

type Rows = StratifiedRow[];
const IN_YEAR = 'identified_at >= $1 AND identified_at < $2';
const MONTH = monthOf('identified_at');

/**
 * How each breakdown is published: which keys, whether it adds up to `identified`, which small keys merge. Each for
 * the whole country only: by region nearly all cells would be small (see shared/src/statistics/regions.ts).
 */
const BREAKDOWNS: Record<'byExploitationForm' | 'byGender' | 'byAgeGroup' | 'byNationality', BreakdownSpec> = {
  // A victim may count under several forms: the cells do not add up to the total.
  byExploitationForm: { name: 'byExploitationForm', keys: Object.values(ExploitationForm), partitionsTotal: false, nationalOnly: true },
  byGender: {
    name: 'byGender',
    keys: Object.values(Gender),
    partitionsTotal: true,
    merge: { label: 'MALE_OR_OTHER', members: [Gender.MALE, Gender.OTHER] },
    nationalOnly: true,
  },
  byAgeGroup: { name: 'byAgeGroup', keys: ['MINOR', 'ADULT'], partitionsTotal: true, nationalOnly: true },
  byNationality: { name: 'byNationality', keys: [], partitionsTotal: true, merge: { label: 'OTHER', members: 'small' }, nationalOnly: true },
};

/** Monthly counts of the period's year by region (the strata; `byRegion` is their totals), all in one snapshot. */
async function caseloadCounts(tx: EntityManager, period: ReportingPeriod): Promise<YearCounts> {
  const bounds = yearBounds(period);
  const rows = (sql: string): Promise<Rows> => tx.query(sql, bounds);
  const total = await rows(`SELECT ${MONTH} AS month, region AS stratum, count(*) AS count FROM victim WHERE ${IN_YEAR} GROUP BY 1, 2`);
  const byMonth = {
    byExploitationForm: await rows(
      `SELECT ${MONTH} AS month, form AS key, v.region AS stratum, count(DISTINCT v.id) AS count
         FROM victim v, unnest(v.exploitation_forms) AS form WHERE ${IN_YEAR} GROUP BY 1, 2, 3`,
    ),
    byGender: await rows(`SELECT ${MONTH} AS month, gender AS key, region AS stratum, count(*) AS count FROM victim WHERE ${IN_YEAR} GROUP BY 1, 2, 3`),
    byAgeGroup: await rows(
      `SELECT ${MONTH} AS month, CASE WHEN minor THEN 'MINOR' ELSE 'ADULT' END AS key, region AS stratum, count(*) AS count FROM victim
        WHERE ${IN_YEAR} GROUP BY 1, 2, 3`,
    ),
    byNationality: await rows(
      `SELECT ${MONTH} AS month, coalesce(nationalities[1], 'UNKNOWN') AS key, region AS stratum, count(*) AS count FROM victim
        WHERE ${IN_YEAR} GROUP BY 1, 2, 3`,
    ),
  };
  return stratifiedCounts(period.year, STATISTICS_REGIONS, {
    total,
    breakdowns: Object.values(BREAKDOWNS).map((spec) => ({ spec, rows: byMonth[spec.name as keyof typeof byMonth] })),
  });
}

/** Victims identified before `to` whose stage at `to` is not RETURNED (as `stageOf` reads the events), by region. */
async function underSupportAt(tx: EntityManager, to: Date): Promise<Rows> {
  return tx.query<Rows>(
    `SELECT 0 AS month, v.region AS stratum, count(*) AS count FROM victim v
      WHERE v.identified_at < $1
        AND NOT EXISTS (SELECT 1 FROM support_event e WHERE e.victim_id = v.id AND e.kind = $2 AND e.at <= $1)
      GROUP BY 2`,
    [to, SupportEventKind.RETURN_COMPLETED],
  );
}

/** National caseload statistics from the registry; aggregates only, read by analysts and coordinators. */
@Resolver()
export class CaseloadStatisticsResolver {
  @Query(() => CaseloadStatistics, {
    description:
      'Caseload statistics of a period, for purpose STATISTICS: victims identified by exploitation form, gender, ' +
      'minor/adult, nationality and region, and victims under support — of the whole country, or of one region. ' +
      'Counts between 1 and k−1 are suppressed.',
  })
  async caseloadStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Arg('region', () => Region, { nullable: true, description: REGION_ARGUMENT }) region: Region | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CaseloadStatistics> {
    const {
      period,
      k,
      counts: { counts, underSupport },
    } = await readStatistics(ctx, input, async ({ tx, period: asked }) => ({
      counts: await caseloadCounts(tx, asked),
      underSupport: await underSupportAt(tx, asked.to),
    }));
    const year = protectYear(counts, k);
    const stratum = region ?? undefined;
    const cells = (name: keyof typeof BREAKDOWNS) => breakdownCells(year.breakdown(period, name, stratum));
    // By region: the regions' totals, protected with the rest (a month publishes its total only, so no breakdown).
    const regions = period.kind === 'MONTH' ? [] : region ? [region] : STATISTICS_REGIONS;
    const supported = protectPoint(stratifiedCounts(period.year, STATISTICS_REGIONS, { total: underSupport, breakdowns: [] }), k).total(stratum)!;
    return {
      identified: publishedCount(year.total(period, stratum)!),
      byExploitationForm: cells('byExploitationForm'),
      byGender: cells('byGender'),
      byAgeGroup: cells('byAgeGroup'),
      byNationality: cells('byNationality'),
      byRegion: breakdownCells(regions.map((r) => ({ ...year.total(period, r)!, key: r }))),
      underSupport: publishedCount(supported),
    };
  }
}
