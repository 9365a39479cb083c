import { ArrayMaxSize, ArrayUnique, IsDate, IsOptional, Matches, MaxLength } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  DataCategory,
  type SubgraphContext,
  SupportEventKind,
  badInput,
  agencyMutation,
  newRecordId,
  NotInFuture,
} from '@hub/shared';
import { HealthAssessment } from '../entities/health-assessment';
import { HealthSummary, emptyHealthSummary } from '../entities/health-summary';
const later = (a: Date | null, b: Date): Date => (a !== null && a > b ? a : b);
/**
 * Runs the class-validator decorators on an input (the shared schema builder turns validation off).
 * A refusal is BAD_USER_INPUT; the offending values (clinical notes) are left out of the error.
 */
const validated = { validate: { forbidUnknownValues: false, validationError: { target: false, value: false } } };

@InputType({ description: 'A clinical assessment to record.' })
class RecordHealthAssessmentInput {
  @Field(() => ID) victimId!: string;
  @Field(() => Date) @IsDate() @NotInFuture('assessedAt') assessedAt!: Date;
  @Field(() => [String], { description: 'Finding codes in capitals, e.g. PTSD_SYMPTOMS; may be empty.' })
  @ArrayMaxSize(40) @ArrayUnique() @Matches(/^[A-Z_]+$/, { each: true, message: 'findings are codes like PTSD_SYMPTOMS' })
  findings!: string[];
  @Field(() => String, { description: "The clinician's notes, at most 4000 characters." }) @MaxLength(4000) notes!: string;
  @Field(() => Boolean, { description: 'Whether follow-up is needed after this assessment.' }) followUpNeeded!: boolean;
}

@InputType({ description: 'Changes to the health summary; omitted fields stay as they are.' })
class UpdateHealthSummaryInput {
  @Field(() => ID) victimId!: string;
  @Field(() => Boolean, { nullable: true }) hasGp?: boolean | null;
  @Field(() => Boolean, { nullable: true }) followUpNeeded?: boolean | null;
  @Field(() => Date, { nullable: true })
  @IsOptional() @IsDate() @NotInFuture('lastContactAt')
  lastContactAt?: Date | null;
}

/**
 * The victim's summary row, created all-false if absent, locked for the rest of the transaction.
 * Insert-if-absent first, so that two writers about a new victim never race on the primary key.
 */
async function lockedSummary(tx: EntityManager, victimId: string): Promise<HealthSummary> {
  const repo = tx.getRepository(HealthSummary);
  await repo.createQueryBuilder().insert().values(emptyHealthSummary(victimId)).orIgnore().execute();
  return repo.findOneOrFail({ where: { victimId }, lock: { mode: 'pessimistic_write' } });
}

@Resolver()
export class HealthResolver {
  @Mutation(() => HealthAssessment, {
    description: 'Records a clinical assessment and updates the health summary (assessment done, follow-up, last contact).',
  })
  async recordHealthAssessment(
    @Arg('input', () => RecordHealthAssessmentInput, validated) input: RecordHealthAssessmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<HealthAssessment> {
    return agencyMutation(ctx, {
      mutation: 'recordHealthAssessment',
      category: DataCategory.HEALTH_DETAIL,
      typeName: 'HealthAssessment',
      written: HealthAssessment,
      target: { victimId: input.victimId },
      run: async (tx, write) => {
      const repo = tx.getRepository(HealthAssessment);
      const assessment = await repo.save(
        repo.create({
          id: newRecordId('ha'),
          victimId: input.victimId,
          assessedAt: input.assessedAt,
          clinician: ctx.caller.sub,
          findings: input.findings,
          notes: input.notes,
        }),
      );
      const summary = await lockedSummary(tx, input.victimId);
      summary.assessmentDone = true;
      summary.followUpNeeded = input.followUpNeeded;
      summary.lastContactAt = later(summary.lastContactAt, input.assessedAt);
      await tx.getRepository(HealthSummary).save(summary);
      // The support path learns only that an assessment took place: never a finding or a note.
      await write.supportEvent({
        victimId: input.victimId,
        kind: SupportEventKind.HEALTH_ASSESSMENT,
        at: input.assessedAt.toISOString(),
        summary: 'Health assessment done',
        dueAt: null,
      });
      return assessment;
    },
    });
  }

  @Mutation(() => HealthSummary, { description: 'Updates whether the victim has a GP, needs follow-up, and the last contact.' })
  async updateHealthSummary(
    @Arg('input', () => UpdateHealthSummaryInput, validated) input: UpdateHealthSummaryInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<HealthSummary> {
    const { hasGp, followUpNeeded, lastContactAt } = input;
    if (hasGp == null && followUpNeeded == null && lastContactAt == null) {
      throw badInput('input', 'Give at least one of hasGp, followUpNeeded, lastContactAt');
    }
    return agencyMutation(ctx, {
      mutation: 'updateHealthSummary',
      category: DataCategory.HEALTH_SUMMARY,
      typeName: 'HealthSummary',
      written: HealthSummary,
      target: { victimId: input.victimId },
      run: async (tx) => {
      const summary = await lockedSummary(tx, input.victimId);
      if (hasGp != null) summary.hasGp = hasGp;
      if (followUpNeeded != null) summary.followUpNeeded = followUpNeeded;
      if (lastContactAt != null) summary.lastContactAt = lastContactAt;
      // No support event: a GP registration or a follow-up flag is not a milestone on the support path
      // (SupportEventKind has none for it); coordination reads the summary itself where allowed.
      return tx.getRepository(HealthSummary).save(summary);
    },
    });
  }
}
