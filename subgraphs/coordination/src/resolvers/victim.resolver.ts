import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Brackets } from 'typeorm';
import {
  Agency,
  Category,
  DataCategory,
  type SubgraphContext,
  agencyEventCategory,
  badInput,
  nationalIndicators,
  paginate,
} from '@hub/shared';
import { ConsentGrant } from '../entities/consent-grant';
import { ProblemReport } from '../entities/problem-report';
import { Victim } from '../entities/victim';
import { computeSupportPath } from '../support-path/support-path';
import { SupportPath } from '../support-path/support-path.types';
import { coordinationRecords } from './coordination-records';
import { Identification, VictimConnection, VictimFilter } from './victim.types';

export const VICTIM_ID = /^v-[0-9a-f]{8,24}$/;

@ArgsType()
class CaseloadArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => VictimFilter, { nullable: true }) filter?: VictimFilter;
}

/** Agencies whose events can stand on a support path, in display order. */
const pathAgencies = [Agency.COORDINATION, Agency.POLICE, Agency.IMMIGRATION, Agency.SOCIAL_SERVICES, Agency.HEALTH, Agency.CHILD_WELFARE];

@Resolver(() => Victim)
export class VictimResolver {
  @Query(() => Victim, {
    nullable: true,
    description:
      'One victim by pseudonymous id. The answer never reveals whether an id is known: fields of an unknown id are null.',
  })
  async victim(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Victim | { id: string }> {
    if (!VICTIM_ID.test(id)) throw badInput('id', 'A victim id looks like v-1a2b3c4d');
    return (await coordinationRecords(ctx).victims.load(id)) ?? { id };
  }

  @Query(() => VictimConnection, {
    description:
      'The caseload: victims whose case status the caller may read, newest identification first — or by id when the caller may not read every listed identification.',
  })
  async victims(@Args(() => CaseloadArgs) { first, after, filter }: CaseloadArgs, @Ctx() ctx: SubgraphContext): Promise<VictimConnection> {
    const query = ctx.dataSource.getRepository(Victim).createQueryBuilder('v').orderBy('v.identified_at', 'DESC').addOrderBy('v.id', 'ASC');
    if (filter?.region) query.andWhere('v.region = :region', { region: filter.region });
    if (filter?.minor !== undefined && filter.minor !== null) query.andWhere('v.minor = :minor', { minor: filter.minor });
    if (filter?.exploitationForm) query.andWhere(':form = ANY(v.exploitation_forms)', { form: filter.exploitationForm });
    if (ctx.caller.regions.length > 0) query.andWhere(new Brackets((b) => b.where('v.region IN (:...regions)', { regions: ctx.caller.regions })));
    const candidates = await query.getMany();
    // Nothing may be found or counted by a field the caller cannot read.
    const needed = [DataCategory.CASE_STATUS, ...(filter?.minor !== undefined && filter.minor !== null ? [DataCategory.IDENTITY] : [])];
    const readable = new Set(await ctx.access.readable(candidates.map((v) => v.id), needed));
    let matching = candidates.filter((v) => readable.has(v.id));
    if (filter?.stage || filter?.alert) {
      const paths = await Promise.all(matching.map((v) => this.computePath(v, ctx)));
      matching = matching.filter((_, i) => {
        const path = paths[i]!;
        return (!filter.stage || path.stage === filter.stage) && (!filter.alert || path.alerts.some((a) => a.kind === filter.alert));
      });
    }
    // The order may not tell what the caller cannot read: newest identification first only when the caller
    // may read every listed victim's identification; otherwise by pseudonymous id, which says nothing.
    const identificationReadable = await ctx.access.readable(matching.map((v) => v.id), [DataCategory.IDENTIFICATION]);
    if (identificationReadable.length < matching.length) matching.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { page, hasNextPage, endCursor } = paginate(matching, (v) => v.id, first, after);
    for (const victim of page) coordinationRecords(ctx).victims.prime(victim.id, victim);
    return {
      edges: page.map((node) => ({ node, cursor: Buffer.from(node.id, 'utf8').toString('base64url') })),
      pageInfo: { hasNextPage, endCursor },
      totalCount: matching.length,
    };
  }

  @Category(DataCategory.IDENTIFICATION)
  @FieldResolver(() => Identification, { nullable: true })
  identification(@Root() victim: Victim): Identification | null {
    if (!victim.identifiedAt) return null;
    return {
      victimId: victim.id,
      identifiedAt: victim.identifiedAt,
      identifyingAgency: victim.identifyingAgency,
      indicators: nationalIndicators.map((i) => ({
        victimId: victim.id,
        code: i.code,
        label: i.label,
        present: victim.indicatorsPresent.includes(i.code),
      })),
    };
  }

  @Category(DataCategory.CONSENT)
  @FieldResolver(() => [ConsentGrant], { nullable: true, description: 'Consents given and withdrawn, oldest first.' })
  consents(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<ConsentGrant[]> {
    return coordinationRecords(ctx).consents.load(victim.id);
  }

  @Category(DataCategory.CASE_STATUS)
  @FieldResolver(() => [ProblemReport], { nullable: true, description: 'Problems reported about this victim.' })
  problemReports(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<ProblemReport[]> {
    return coordinationRecords(ctx).problemReports.load(victim.id);
  }

  @Category(DataCategory.CASE_STATUS)
  @FieldResolver(() => SupportPath, { nullable: true })
  async supportPath(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<SupportPath | null> {
    if (!victim.identifiedAt) return null;
    const computed = await this.computePath(victim, ctx);
    const events = await coordinationRecords(ctx).events.load(victim.id);
    // Each agency's events are shown only as far as the caller may read that agency's category.
    const agencies = await Promise.all(
      pathAgencies.map(async (agency) => {
        const category = agencyEventCategory[agency];
        const decision = await ctx.access.decide(victim.id, category);
        ctx.access.note(victim.id, 'SupportPath', `events:${agency}`, category, decision);
        return { victimId: victim.id, agency, shared: decision.allow };
      }),
    );
    const shown = new Set(agencies.filter((a) => a.shared).map((a) => a.agency));
    return {
      victimId: victim.id,
      stage: computed.stage,
      events: events.filter((e) => shown.has(e.agency)),
      nextDeadline: computed.nextDeadline && { victimId: victim.id, ...computed.nextDeadline },
      alerts: computed.alerts.map((a) => ({ victimId: victim.id, ...a })),
      agencies,
    };
  }

  private async computePath(victim: Victim, ctx: SubgraphContext) {
    const records = coordinationRecords(ctx);
    const [events, consents] = await Promise.all([records.events.load(victim.id), records.consents.load(victim.id)]);
    return computeSupportPath({ minor: victim.minor, identifiedAt: victim.identifiedAt, events, consents }, ctx.now);
  }
}
