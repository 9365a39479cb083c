import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  DataCategory,
  type PolicyDecision,
  type HubCaller,
  Region,
  Role,
  type SubgraphContext,
  agencyMutation,
  badInput,
  mayActWithoutRegions,
  paginate,
  requireWrite,
  newRecordId,
  recordTarget,
} from '@hub/shared';
import { ProblemReport, ProblemTopic } from '../entities/problem-report';
import { PageInfo } from './victim.types';

/** Local units and NGOs report problems; analysts and auditors do not. */
const reportingRoles: readonly Role[] = [Role.COORDINATOR, Role.CASEWORKER, Role.INVESTIGATOR, Role.PROSECUTOR, Role.CLINICIAN, Role.NGO_WORKER];

const mayReportProblems = (caller: HubCaller): PolicyDecision => {
  if (!reportingRoles.includes(caller.role)) return { allow: false, code: 'FORBIDDEN', reason: `${caller.role} does not report problems` };
  if (caller.regions.length === 0 && !mayActWithoutRegions(caller)) {
    return { allow: false, code: 'FORBIDDEN', reason: 'local staff without regions' };
  }
  return { allow: true, basis: { kind: 'OWN_RECORDS' }, review: false };
};

/**
 * The reports a region-limited caller may see: about a victim in their regions, or about no victim and in their
 * regions. The victim's region is read to decide, so it is noted for the access log like any read.
 */
async function inCallersReach(ctx: SubgraphContext, reports: ProblemReport[]): Promise<ProblemReport[]> {
  const { regions } = ctx.caller;
  if (regions.length === 0) return reports;
  const kept = await Promise.all(
    reports.map(async (r) => {
      if (r.victimId === null) return regions.includes(r.region);
      const facts = await ctx.access.facts(r.victimId);
      await ctx.access.decideField(r.victimId, 'Victim', 'region', DataCategory.CASE_STATUS);
      return facts !== null && regions.includes(facts.region);
    }),
  );
  return reports.filter((_, i) => kept[i]);
}

@InputType()
class ReportProblemInput {
  @Field(() => ID, { nullable: true, description: 'The victim concerned, if the problem is about one.' }) @IsOptional() victimId?: string;
  @Field(() => Region) region!: Region;
  @Field(() => ProblemTopic) topic!: ProblemTopic;
  @Field(() => String, { description: 'Organisation reporting, e.g. the NGO or local unit.' }) @MinLength(2) @MaxLength(120) reporter!: string;
  @Field(() => String, { description: 'What is wrong; no names or id numbers.' }) @MinLength(10) @MaxLength(2000) description!: string;
}

@ObjectType()
class ProblemReportConnection {
  @Field(() => [ProblemReport]) nodes!: ProblemReport[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ArgsType()
class ProblemReportArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only open (unresolved) reports.' }) open?: boolean;
}

@Resolver()
export class ProblemReportResolver {
  @Query(() => ProblemReportConnection, { description: 'Problem reports, newest first (coordinating unit).' })
  async problemReports(@Args(() => ProblemReportArgs) { first, after, open }: ProblemReportArgs, @Ctx() ctx: SubgraphContext): Promise<ProblemReportConnection> {
    requireWrite(ctx, DataCategory.CASE_STATUS);
    const all = await ctx.dataSource.getRepository(ProblemReport).find({ order: { reportedAt: 'DESC', id: 'ASC' } });
    const visible = (await inCallersReach(ctx, all)).filter((r) => (open ? r.resolvedAt === null : true));
    const { page, hasNextPage, endCursor } = paginate(visible, (r) => r.id, first, after);
    return { nodes: page, pageInfo: { hasNextPage, endCursor }, totalCount: visible.length };
  }

  @Mutation(() => ProblemReport, { description: 'Reports a problem to the coordinating unit (local units, agencies and NGOs).' })
  async reportProblem(@Arg('input', () => ReportProblemInput) input: ReportProblemInput, @Ctx() ctx: SubgraphContext): Promise<ProblemReport> {
    if (ctx.caller.regions.length > 0 && !ctx.caller.regions.includes(input.region)) {
      throw badInput('region', 'Local staff report problems in their own regions only');
    }
    return agencyMutation(ctx, {
      mutation: 'reportProblem',
      category: DataCategory.CASE_STATUS,
      typeName: 'ProblemReport',
      written: ProblemReport,
      allowed: mayReportProblems,
      // Naming a victim the reporter may not read answers as an unknown id does: no probe of ids.
      mustRead: [DataCategory.CASE_STATUS],
      target: input.victimId ? { victimId: input.victimId } : null,
      run: async (tx) => {
    const repo = tx.getRepository(ProblemReport);
    const report = repo.create({
      id: newRecordId('pr'),
      victimId: input.victimId ?? null,
      reportedByAgency: ctx.caller.agency,
      reporter: input.reporter,
      region: input.region,
      topic: input.topic,
      description: input.description,
      reportedAt: new Date(),
      resolvedAt: null,
    });
    await repo.insert(report);
    return report;
      },
    });
  }

  @Mutation(() => ProblemReport, { description: 'Marks a problem report resolved (coordinating unit).' })
  async resolveProblemReport(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ProblemReport> {
    const target = recordTarget(ProblemReport, id, 'Problem report');
    return agencyMutation(ctx, {
      mutation: 'resolveProblemReport',
      category: DataCategory.CASE_STATUS,
      typeName: 'ProblemReport',
      fields: ['ProblemReport.resolvedAt'],
      // A report outside the caller's regions (by its victim's, or its own when about none) is not found.
      target,
      run: async (tx) => {
        const repo = tx.getRepository(ProblemReport);
        const report = await target.lock(tx);
        report.resolvedAt ??= new Date();
        return repo.save(report);
      },
    });
  }
}
