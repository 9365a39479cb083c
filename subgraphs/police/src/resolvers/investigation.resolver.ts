import { ArrayNotEmpty, IsDate, Matches, MaxLength, MinLength } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { agencyMutation, conflict, DataCategory, newRecordId, notFound, NotInFuture, recordTarget, requireRecordedDate, type SubgraphContext, SupportEventKind } from '@hub/shared';
import { Cooperation } from '../entities/cooperation';
import { Investigation, InvestigationStatus } from '../entities/investigation';
import { Testimony } from '../entities/testimony';

@InputType()
class OpenInvestigationInput {
  @Field(() => ID) victimId!: string;
  @Field(() => String, { description: 'Case number in the police case system: YYYY-AAA-NNNNNN.' })
  @Matches(/^\d{4}-[A-Z]{3}-\d{6}$/, { message: 'caseNumber must look like 2025-OSL-004211' })
  caseNumber!: string;
  @Field(() => String) @MinLength(2) @MaxLength(80) district!: string;
  @Field(() => [String]) @ArrayNotEmpty() @Matches(/^[A-Z_]+_\d+[a-z]?$/, { each: true, message: 'offences are codes like TRAFFICKING_257' })
  offences!: string[];
  @Field(() => Date) @IsDate() @NotInFuture('reportedAt') reportedAt!: Date;
}

@InputType()
class RecordTestimonyInput {
  @Field(() => ID) victimId!: string;
  @Field(() => ID) investigationId!: string;
  @Field(() => String) @MinLength(2) @MaxLength(120) court!: string;
  @Field(() => Date) @IsDate() @NotInFuture('givenAt') givenAt!: Date;
}

/** Which status may follow which: a case moves forward only. */
const nextStatuses: Record<InvestigationStatus, InvestigationStatus[]> = {
  REPORTED: [InvestigationStatus.UNDER_INVESTIGATION, InvestigationStatus.DROPPED],
  UNDER_INVESTIGATION: [InvestigationStatus.CHARGED, InvestigationStatus.DROPPED],
  CHARGED: [InvestigationStatus.PROSECUTED, InvestigationStatus.DROPPED],
  PROSECUTED: [InvestigationStatus.CONVICTED, InvestigationStatus.ACQUITTED],
  CONVICTED: [],
  ACQUITTED: [],
  DROPPED: [],
};

@Resolver()
export class InvestigationResolver {
  @Mutation(() => Investigation, { description: 'Opens an investigation in which the person is the victim.' })
  async openInvestigation(
    @Arg('input', () => OpenInvestigationInput) input: OpenInvestigationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Investigation> {
    return agencyMutation(ctx, {
      mutation: 'openInvestigation',
      category: DataCategory.POLICE_CASE,
      typeName: 'Investigation',
      fields: ['Investigation.caseNumber', 'Investigation.district', 'Investigation.offences', 'Investigation.status', 'Investigation.reportedAt'],
      target: { victimId: input.victimId },
      run: async (tx, write) => {
      const repo = tx.getRepository(Investigation);
      if (await repo.existsBy({ caseNumber: input.caseNumber })) {
        throw conflict(`Case number ${input.caseNumber} is already registered`);
      }
      const now = new Date();
      const investigation = await repo.save(
        repo.create({
          id: newRecordId('inv'),
          victimId: input.victimId,
          caseNumber: input.caseNumber,
          district: input.district,
          offences: input.offences,
          status: InvestigationStatus.UNDER_INVESTIGATION,
          reportedAt: input.reportedAt,
          openedAt: now,
          chargedAt: null,
          verdictAt: null,
          closedAt: null,
        }),
      );
      await write.supportEvent({
        kind: SupportEventKind.INVESTIGATION_OPENED,
        at: now.toISOString(),
        summary: 'Police investigation opened',
        dueAt: null,
      });
      return investigation;
      },
    });
  }

  @Mutation(() => Investigation, { description: 'Moves an investigation forward (charged, prosecuted, verdict, dropped).' })
  async updateInvestigationStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => InvestigationStatus) status: InvestigationStatus,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Investigation> {
    const target = recordTarget(Investigation, id);
    return agencyMutation(ctx, {
      mutation: 'updateInvestigationStatus',
      category: DataCategory.POLICE_CASE,
      typeName: 'Investigation',
      fields: ['Investigation.status', 'Investigation.chargedAt', 'Investigation.verdictAt', 'Investigation.closedAt'],
      target,
      run: async (tx, write) => {
      const repo = tx.getRepository(Investigation);
      const investigation = await target.lock(tx);
      if (!nextStatuses[investigation.status].includes(status)) {
        throw conflict(`An investigation ${investigation.status} cannot become ${status}`);
      }
      const now = new Date();
      investigation.status = status;
      if (status === InvestigationStatus.CHARGED) investigation.chargedAt = now;
      if (status === InvestigationStatus.CONVICTED || status === InvestigationStatus.ACQUITTED) investigation.verdictAt = now;
      if ([InvestigationStatus.CONVICTED, InvestigationStatus.ACQUITTED, InvestigationStatus.DROPPED].includes(status)) {
        investigation.closedAt = now;
      }
      await repo.save(investigation);
      const kind =
        status === InvestigationStatus.CHARGED
          ? SupportEventKind.CHARGES_FILED
          : status === InvestigationStatus.CONVICTED || status === InvestigationStatus.ACQUITTED
            ? SupportEventKind.VERDICT
            : null;
      if (kind) {
        await write.supportEvent({
          kind,
          at: now.toISOString(),
          summary: kind === SupportEventKind.VERDICT ? 'Verdict in the criminal case' : 'Charges filed',
          dueAt: null,
        });
      }
      return investigation;
      },
    });
  }

  @Mutation(() => Boolean, { description: 'Records that the victim cooperates with the police.' })
  async recordCooperation(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('since', () => Date) since: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    requireRecordedDate('since', since, ctx.now);
    return agencyMutation(ctx, {
      mutation: 'recordCooperation',
      category: DataCategory.POLICE_CASE,
      typeName: 'Cooperation',
      fields: ['Cooperation.since'],
      target: { victimId },
      run: async (tx, write) => {
        const repo = tx.getRepository(Cooperation);
        if (await repo.existsBy({ victimId })) throw conflict('Cooperation is already recorded for this victim');
        await repo.insert({ victimId, since });
        await write.supportEvent({ kind: SupportEventKind.COOPERATION_STARTED, at: since.toISOString(), summary: 'Cooperates with the police', dueAt: null });
        return true;
      },
    });
  }

  @Mutation(() => Testimony, { description: 'Records testimony the victim gave in court.' })
  async recordTestimony(
    @Arg('input', () => RecordTestimonyInput) input: RecordTestimonyInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Testimony> {
    return agencyMutation(ctx, {
      mutation: 'recordTestimony',
      category: DataCategory.POLICE_CASE,
      typeName: 'Testimony',
      fields: ['Testimony.investigationId', 'Testimony.court', 'Testimony.givenAt'],
      target: { victimId: input.victimId },
      run: async (tx, write) => {
      const investigation = await tx.getRepository(Investigation).findOneBy({ id: input.investigationId });
      if (!investigation || investigation.victimId !== input.victimId) throw notFound('Investigation', input.investigationId);
      const testimony = await tx.getRepository(Testimony).save({
        id: newRecordId('tm'),
        victimId: input.victimId,
        investigationId: input.investigationId,
        court: input.court,
        givenAt: input.givenAt,
      });
      await write.supportEvent({
        kind: SupportEventKind.TESTIMONY_GIVEN,
        at: input.givenAt.toISOString(),
        summary: 'Testimony given in court',
        dueAt: null,
      });
      return testimony;
      },
    });
  }
}

