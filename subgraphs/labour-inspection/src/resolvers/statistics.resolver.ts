import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  BreakdownCell,
  monthlyByKey,
  type MonthlyRow,
  monthlyTotal,
  monthOf,
  readStatistics,
  Region,
  REGION_ARGUMENT,
  StatisticsPeriodInput,
  type SubgraphContext,
  SuppressedCount,
} from '@hub/shared';
import { ClaimStatus } from '../entities/back-pay-claim';
import { type LabourInspectionFigures, publishLabourStatistics } from '../statistics/labour-statistics';

@ObjectType({ description: 'Labour inspection statistics of a period, with small-cell suppression.' })
class LabourInspectionStatistics implements LabourInspectionFigures {
  @Field(() => SuppressedCount, {
    description: 'Workplace inspections in the period that found a presumed victim: a workplace on one day counts once, however many were found.',
  })
  inspections!: SuppressedCount;

  @Field(() => [BreakdownCell], { description: 'Those inspections by sector (quarters and years; a month publishes its total only).' })
  inspectionsBySector!: BreakdownCell[];

  @Field(() => SuppressedCount, { description: 'Workplaces inspected for the first time in the period (each counted once, when first inspected).' })
  workplacesInspected!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Presumed victims found at a workplace inspection for the first time in the period.' })
  victimsFound!: SuppressedCount;

  @Field(() => SuppressedCount, { description: "Inspections' findings referred to the police in the period." })
  policeReferrals!: SuppressedCount;

  @Field(() => [BreakdownCell], { description: 'Sanctions imposed on employers in the period, by kind (quarters and years).' })
  sanctionsByKind!: BreakdownCell[];

  @Field(() => SuppressedCount, { description: 'Back-pay and compensation claims filed in the period.' })
  backPayClaimsFiled!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Back-pay and compensation claims awarded in the period.' })
  backPayClaimsAwarded!: SuppressedCount;
}

/** National labour inspection statistics from the authority's own records; aggregates only. */
@Resolver()
export class LabourInspectionStatisticsResolver {
  @Query(() => LabourInspectionStatistics, {
    description:
      'Labour inspection statistics of a period, for purpose STATISTICS: inspections, workplaces and sectors, victims found, ' +
      'referrals to the police, sanctions and back-pay claims — of the whole country only: its counts are too few to ' +
      'split by region without hiding the national ones, so with a region every count is withheld. ' +
      'Counts between 1 and k−1 are suppressed.',
  })
  async labourInspectionStatistics(
    @Arg('period', () => StatisticsPeriodInput) input: StatisticsPeriodInput,
    @Arg('region', () => Region, { nullable: true, description: REGION_ARGUMENT }) region: Region | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LabourInspectionStatistics> {
    const { period, k, counts } = await readStatistics(ctx, input, async ({ tx, bounds }) => {
      const rows = (sql: string, params: unknown[] = []) => tx.query<MonthlyRow[]>(sql, [...bounds, ...params]);
      const count = async (table: string, column: string, where = 'TRUE', params: unknown[] = []) =>
        monthlyTotal(
          await rows(
            `SELECT ${monthOf(column)} AS month, count(*) AS count FROM ${table}
              WHERE ${column} >= $1 AND ${column} < $2 AND ${where} GROUP BY 1`,
            params,
          ),
        );
      /** Each key counted once, in the month of its first record (ever, not only of this year). */
      const firstOf = async (key: string) =>
        monthlyTotal(
          await rows(
            `SELECT ${monthOf('first')} AS month, count(*) AS count
               FROM (SELECT ${key}, min(inspected_at) AS first FROM workplace_inspection GROUP BY 1) AS f
              WHERE first >= $1 AND first < $2 GROUP BY 1`,
          ),
        );
      const day = `date_trunc('day', inspected_at AT TIME ZONE 'UTC')`;
      return {
        visitsBySector: monthlyByKey(
          await rows(
            `SELECT month, sector AS key, count(*) AS count
               FROM (SELECT DISTINCT organisation_number, ${day} AS day, sector, ${monthOf('inspected_at')} AS month
                       FROM workplace_inspection WHERE inspected_at >= $1 AND inspected_at < $2) AS visit
              GROUP BY 1, 2`,
          ),
        ),
        workplacesFirstInspected: await firstOf('organisation_number'),
        victimsFirstFound: await firstOf('victim_id'),
        policeReferrals: await count('police_referral', 'referred_at'),
        sanctionsByKind: monthlyByKey(
          await rows(
            `SELECT ${monthOf('imposed_at')} AS month, kind AS key, count(*) AS count FROM sanction
              WHERE imposed_at >= $1 AND imposed_at < $2 GROUP BY 1, 2`,
          ),
        ),
        claimsFiled: await count('back_pay_claim', 'filed_at'),
        claimsAwarded: await count('back_pay_claim', 'decided_at', 'status = $3', [ClaimStatus.AWARDED]),
      };
    });
    return publishLabourStatistics(period, counts, k, region);
  }
}
