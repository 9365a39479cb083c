import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import {
  Agency,
  agencyEntries,
  Category,
  DataCategory,
  type SubgraphContext,
  SupportEventKind,
  agencyEventCategory,
  badInput,
  inputHolder,
  keepsCaseAgencyRecords,
  encodeCursor,
  isVictimId,
  nationalIndicators,
} from '@hub/shared';
import { ConsentGrant } from '../entities/consent-grant';
import { ProblemReport } from '../entities/problem-report';
import { Victim } from '../entities/victim';
import { caseloadPage } from '../caseload/caseload-query';
import { caseloadReads } from '../caseload/caseload-values';
import { supportPathFor } from '../support-path/visible-support-path';
import { type PathSharing, SupportPath } from '../support-path/support-path.types';
import { coordinationRecords } from './coordination-records';
import { Identification, VictimConnection, VictimFilter } from './victim.types';

@ArgsType()
class CaseloadArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => VictimFilter, { nullable: true }) filter?: VictimFilter;
}

/** Agencies whose events can stand on a support path (those with event kinds in the agency registry), in registry order. */
const pathAgencies = agencyEntries.filter((e) => e.eventKinds.length > 0).map((e) => e.agency as Agency);

@Resolver(() => Victim)
export class VictimResolver {
  @Query(() => Victim, {
    nullable: true,
    description:
      'One victim by pseudonymous id. The answer never reveals whether an id is known: fields of an unknown id are null.',
  })
  async victim(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Victim | { id: string }> {
    if (!isVictimId(id)) throw badInput('id', 'A victim id looks like v-1a2b3c4d');
    return (await coordinationRecords(ctx).victims.load(id)) ?? { id };
  }

  @Query(() => VictimConnection, {
    description:
      'The caseload: victims whose case status the caller may read, newest identification first — or by id when the caller may not read every listed identification.',
  })
  async victims(@Args(() => CaseloadArgs) { first, after, filter }: CaseloadArgs, @Ctx() ctx: SubgraphContext): Promise<VictimConnection> {
    // Nothing may be found, ordered or counted by a field the caller cannot read: the policy is part of the query.
    // Not the category wrapper, by necessity: the wrapper decides a field of one victim already in hand, while the
    // caseload decides which victims are in the answer — and, for scale (issue 10), in the database: the policy
    // table turned into SQL predicates (readablePredicate). test/policy/hand-made-decisions.test.ts holds it to
    // the wrapper's decisions (docs/architecture.md, "Who may read what"); the reads are noted as the wrapper does.
    const page = await caseloadPage(ctx.dataSource, ctx.caller, { first, after, filter }, ctx.now);
    // What was read of each listed victim to list, match and order them is logged like any field, even when
    // the client asks for nothing but ids.
    const reads = caseloadReads(filter ?? undefined, page.order);
    await Promise.all(
      page.ids.flatMap((id) =>
        reads.flatMap(({ field, categories }) =>
          categories.map((category) => ctx.access.decideField(id, 'Query', field, category, inputHolder(category))),
        ),
      ),
    );
    const victims = await coordinationRecords(ctx).victims.loadMany(page.ids);
    const nodes = victims.filter((v): v is Victim => v instanceof Victim);
    return {
      edges: nodes.map((node) => ({ node, cursor: encodeCursor(node.id) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
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
    const records = coordinationRecords(ctx);
    const [events, consents] = await Promise.all([records.events.load(victim.id), records.consents.load(victim.id)]);
    // Each agency's events are shown only as far as the caller may read that agency's category; its rights
    // information only as far as the caller may read the rights information that agency holds. Not the category
    // wrapper, by necessity: it decides SupportPath.events all or nothing, while each event carries its agency's
    // category. Each decision is the one that agency's own subgraph's wrapper makes, noted the same way when
    // `events` or `agencies` leaves (SupportPathResolver); test/policy/hand-made-decisions.test.ts holds the two
    // to the same answers.
    const sharing: PathSharing[] = await Promise.all(
      pathAgencies.map(async (agency) => {
        const category = agencyEventCategory[agency];
        return {
          agency,
          category,
          events: await ctx.access.decide(victim.id, category),
          rightsInformation: keepsCaseAgencyRecords(agency) ? await ctx.access.decide(victim.id, DataCategory.RIGHTS_INFORMATION, agency) : null,
        };
      }),
    );
    const agencies = sharing.map((s) => ({
      victimId: victim.id,
      agency: s.agency,
      shared: s.events.allow,
      rightsInformationShared: s.rightsInformation?.allow ?? false,
    }));
    const shown = new Set(agencies.filter((a) => a.shared).map((a) => a.agency));
    const rightsShown = new Set(agencies.filter((a) => a.rightsInformationShared).map((a) => a.agency));
    const visible = (e: (typeof events)[number]): boolean =>
      e.kind === SupportEventKind.RIGHTS_INFORMED ? rightsShown.has(e.agency) : shown.has(e.agency);
    // Stage, deadlines and alerts exist only as far as the caller may read what they are computed from.
    const computed = await supportPathFor(ctx.access, victim.id, { minor: victim.minor, identifiedAt: victim.identifiedAt, events, consents }, ctx.now);
    return {
      victimId: victim.id,
      stage: computed.stage,
      events: events.filter(visible),
      nextDeadline: computed.nextDeadline && { victimId: victim.id, ...computed.nextDeadline },
      alerts: computed.alerts.map((a) => ({ victimId: victim.id, ...a })),
      agencies,
      sharing,
    };
  }
}
