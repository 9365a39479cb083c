import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { AccessRecordProof } from './transparency.types';
import { recordProofs } from './transparency.resolver';
import { AboutVictim, Agency, Category, DataCategory, Purpose, type SubgraphContext, groupByKey } from '@hub/shared';
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
  @Field(() => [DataCategory], { description: 'Categories of data received (refused ones are not listed).' })
  categories!: DataCategory[];

  /** The records of this access (one per subgraph), whose inclusion `proofs` shows. */
  seqs!: string[];
}

@Resolver(() => AccessHistoryEntry)
export class AccessHistoryEntryResolver {
  @Category(DataCategory.ACCESS_LOG)
  @FieldResolver(() => [AccessRecordProof], {
    description:
      "Inclusion proofs of this access's records against the newest witnessed tree head: with the head's signatures, " +
      'they show the access is in the log everyone else sees.',
  })
  proofs(@Root() entry: AccessHistoryEntry, @Ctx() ctx: SubgraphContext): Promise<AccessRecordProof[]> {
    return recordProofs(ctx.dataSource, entry.seqs);
  }
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
              AND NOT EXISTS (SELECT 1 FROM audit_record v WHERE v.reviewed_seq = r.seq AND v.kind = 'REVIEW' AND v.service = 'audit')`,
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
          // Only what was received: a record's received categories, not those of refused fields.
          `SELECT victim_id, request_id, min(at) AS at, min(purpose) AS purpose, min(actor_agency) AS agency,
                  array_agg(DISTINCT c) AS categories, array_agg(DISTINCT seq::text) AS seqs
             FROM audit_record, unnest(received_categories) AS c
            WHERE kind = 'FIELD_ACCESS' AND victim_id = ANY($1::text[]) AND cardinality(fields) > 0 AND service <> 'unverified'
            GROUP BY victim_id, request_id
            ORDER BY min(at) DESC`,
          [[...ids]],
        )) as { victim_id: string; at: Date; purpose: Purpose; agency: Agency; categories: DataCategory[]; seqs: string[] }[];
        return groupByKey(
          ids,
          rows.map((r) => ({ victimId: r.victim_id, at: r.at, purpose: r.purpose, agency: r.agency, categories: r.categories, seqs: r.seqs })),
          (e) => e.victimId,
        );
      })
      .load(victim.id);
  }
}
