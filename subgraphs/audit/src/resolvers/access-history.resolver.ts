import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Agency, Category, DataCategory, Purpose, type SubgraphContext, groupByKey, AboutVictim } from '@hub/shared';
import { Victim } from './victim';

/**
 * One access to a victim's data as the victim is entitled to learn of it (GDPR Art. 15, CJEU C-579/21):
 * when, for what purpose, and which agency received it — never the member of staff.
 */
@AboutVictim('victimId')
@ObjectType({ description: "One access to the victim's data: when, why and by which agency (never by whom)." })
export class AccessHistoryEntry {
  victimId!: string;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Date)
  at!: Date;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Purpose)
  purpose!: Purpose;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Agency, { description: 'The agency that received the data.' })
  agency!: Agency;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => [DataCategory], { description: 'Categories of data received.' })
  categories!: DataCategory[];
}

@Resolver(() => Victim)
export class AccessHistoryResolver {
  @Category(DataCategory.ACCESS_LOG)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Whether an emergency (break-glass) access to this victim's data still waits for review by audit staff.",
  })
  emergencyAccessPendingReview(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return ctx.loaders
      .get<string, boolean>('pendingReviewByVictim', async (ids) => {
        const rows = (await ctx.dataSource.query(
          `SELECT DISTINCT r.victim_id FROM audit_record r
            WHERE r.review_required AND r.victim_id = ANY($1::text[])
              AND NOT EXISTS (SELECT 1 FROM audit_record v WHERE v.reviewed_seq = r.seq)`,
          [[...ids]],
        )) as { victim_id: string }[];
        const pending = new Set(rows.map((r) => r.victim_id));
        return ids.map((id) => pending.has(id));
      })
      .load(victim.id);
  }

  @Category(DataCategory.ACCESS_LOG)
  @FieldResolver(() => [AccessHistoryEntry], {
    nullable: true,
    description: "Every access that returned this victim's data, newest first, one entry per request.",
  })
  accessHistory(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<AccessHistoryEntry[]> {
    return ctx.loaders
      .get<string, AccessHistoryEntry[]>('accessHistoryByVictim', async (ids) => {
        const rows = (await ctx.dataSource.query(
          `SELECT victim_id, request_id, min(at) AS at, min(purpose) AS purpose, min(actor_agency) AS agency,
                  array_agg(DISTINCT c) AS categories
             FROM audit_record, unnest(categories) AS c
            WHERE kind = 'FIELD_ACCESS' AND victim_id = ANY($1::text[]) AND cardinality(fields) > 0
            GROUP BY victim_id, request_id
            ORDER BY min(at) DESC`,
          [[...ids]],
        )) as { victim_id: string; at: Date; purpose: Purpose; agency: Agency; categories: DataCategory[] }[];
        return groupByKey(
          ids,
          rows.map((r) => ({ victimId: r.victim_id, at: r.at, purpose: r.purpose, agency: r.agency, categories: r.categories })),
          (e) => e.victimId,
        );
      })
      .load(victim.id);
  }
}
