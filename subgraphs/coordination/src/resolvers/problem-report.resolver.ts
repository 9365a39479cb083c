import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  DataCategory,
  HubError,
  Region,
  Role,
  type SubgraphContext,
  notFound,
  paginate,
  requireVictim,
  requireWrite,
  newRecordId,
} from '@hub/shared';
import { ProblemReport, ProblemTopic } from '../entities/problem-report';
import { PageInfo } from './victim.types';

/** Local units and NGOs report problems; analysts and auditors do not. */
const reportingRoles = [Role.COORDINATOR, Role.CASEWORKER, Role.INVESTIGATOR, Role.PROSECUTOR, Role.CLINICIAN, Role.NGO_WORKER];

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
    const visible = all.filter((r) => (open ? r.resolvedAt === null : true));
    const { page, hasNextPage, endCursor } = paginate(visible, (r) => r.id, first, after);
    return { nodes: page, pageInfo: { hasNextPage, endCursor }, totalCount: visible.length };
  }

  @Mutation(() => ProblemReport, { description: 'Reports a problem to the coordinating unit (local units, agencies and NGOs).' })
  async reportProblem(@Arg('input', () => ReportProblemInput) input: ReportProblemInput, @Ctx() ctx: SubgraphContext): Promise<ProblemReport> {
    if (!reportingRoles.includes(ctx.caller.role)) throw new HubError('FORBIDDEN', `${ctx.caller.role} does not report problems`);
    if (input.victimId) await requireVictim(ctx, input.victimId);
    const repo = ctx.dataSource.getRepository(ProblemReport);
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
  }

  @Mutation(() => ProblemReport, { description: 'Marks a problem report resolved (coordinating unit).' })
  async resolveProblemReport(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ProblemReport> {
    requireWrite(ctx, DataCategory.CASE_STATUS);
    const repo = ctx.dataSource.getRepository(ProblemReport);
    const report = await repo.findOneBy({ id });
    if (!report) throw notFound('Problem report', id);
    report.resolvedAt ??= new Date();
    return repo.save(report);
  }
}
