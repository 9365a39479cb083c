import { ArrayMaxSize, ArrayUnique, IsDate, IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { agencyMutation, badInput, conflict, DataCategory, isUniqueViolation, newRecordId, notFound, NotInFuture, recordTarget, type SubgraphContext, SupportEventKind } from '@hub/shared';
import { BackPayClaim, ClaimKind, ClaimStatus } from '../entities/back-pay-claim';
import { PoliceReferral } from '../entities/police-referral';
import { Sanction, SanctionKind } from '../entities/sanction';
import { LabourIndicator, Sector, WorkplaceInspection } from '../entities/workplace-inspection';

/** The largest amount the hub records (NOK); an amount above it is a typing error. */
const MAX_NOK = 100_000_000;

@InputType()
class RecordWorkplaceInspectionInput {
  @Field(() => ID) victimId!: string;
  @Field(() => String) @MinLength(2) @MaxLength(120) employer!: string;
  @Field(() => String, { description: 'Organisation number in the register of business enterprises: 9 digits.' })
  @Matches(/^\d{9}$/, { message: 'organisationNumber must be 9 digits' })
  organisationNumber!: string;
  @Field(() => Sector) @IsEnum(Sector) sector!: Sector;
  @Field(() => String) @MinLength(2) @MaxLength(80) municipality!: string;
  @Field(() => Date) @IsDate() @NotInFuture('inspectedAt') inspectedAt!: Date;
  @Field(() => [LabourIndicator], { description: 'Indicators of forced labour found; may be empty.' })
  @ArrayUnique() @ArrayMaxSize(11) @IsEnum(LabourIndicator, { each: true })
  indicatorsFound!: LabourIndicator[];
}

@InputType()
class ImposeSanctionInput {
  @Field(() => ID) inspectionId!: string;
  @Field(() => SanctionKind) @IsEnum(SanctionKind) kind!: SanctionKind;
  @Field(() => Int, { nullable: true, description: 'The fine in NOK: required for a fine, none otherwise.' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_NOK)
  amountNok?: number | null;
  @Field(() => Date) @IsDate() @NotInFuture('imposedAt') imposedAt!: Date;
}

@InputType()
class ReferToPoliceInput {
  @Field(() => ID) inspectionId!: string;
  @Field(() => String) @MinLength(2) @MaxLength(80) policeDistrict!: string;
  @Field(() => Date) @IsDate() @NotInFuture('referredAt') referredAt!: Date;
}

@InputType()
class FileBackPayClaimInput {
  @Field(() => ID) victimId!: string;
  @Field(() => ID, { nullable: true, description: 'The inspection that found the work the claim is for, if any.' })
  inspectionId?: string | null;
  @Field(() => ClaimKind) @IsEnum(ClaimKind) kind!: ClaimKind;
  @Field(() => Int, { description: 'Amount claimed, in NOK.' }) @IsInt() @Min(1) @Max(MAX_NOK) claimedNok!: number;
  @Field(() => Date) @IsDate() @NotInFuture('filedAt') filedAt!: Date;
}

@InputType()
class DecideBackPayClaimInput {
  @Field(() => ID) claimId!: string;
  @Field(() => ClaimStatus, { description: 'AWARDED or REJECTED.' }) @IsEnum(ClaimStatus) decision!: ClaimStatus;
  @Field(() => Int, { nullable: true, description: 'Amount awarded, in NOK: required when awarded, at most the amount claimed.' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_NOK)
  awardedNok?: number | null;
}

const FINES = [SanctionKind.COERCIVE_FINE, SanctionKind.INFRINGEMENT_FINE];

/**
 * The inspection a write is about, and so its victim (for the victim and region check); locked in the body, so that
 * two writes about one inspection (a second referral) take turns.
 */
const inspectionTarget = (id: string) => recordTarget(WorkplaceInspection, id);

@Resolver()
export class LabourInspectionResolver {
  @Mutation(() => WorkplaceInspection, { description: 'Records a workplace inspection in which the person was found working.' })
  async recordWorkplaceInspection(
    @Arg('input', () => RecordWorkplaceInspectionInput) input: RecordWorkplaceInspectionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WorkplaceInspection> {
    return agencyMutation(ctx, {
      mutation: 'recordWorkplaceInspection',
      category: DataCategory.LABOUR_CASE,
      typeName: 'WorkplaceInspection',
      fields: [
        'WorkplaceInspection.employer', 'WorkplaceInspection.organisationNumber', 'WorkplaceInspection.sector',
        'WorkplaceInspection.municipality', 'WorkplaceInspection.inspectedAt', 'WorkplaceInspection.indicatorsFound',
      ],
      target: { victimId: input.victimId },
      run: async (tx, write) => {
        const repo = tx.getRepository(WorkplaceInspection);
        const inspection = await repo.save(
          repo.create({
            id: newRecordId('wi'),
            victimId: input.victimId,
            employer: input.employer.trim(),
            organisationNumber: input.organisationNumber,
            sector: input.sector,
            municipality: input.municipality.trim(),
            inspectedAt: input.inspectedAt,
            indicatorsFound: input.indicatorsFound,
          }),
        );
        await write.supportEvent({
          kind: SupportEventKind.WORKPLACE_INSPECTED,
          at: input.inspectedAt.toISOString(),
          summary: 'Found at a workplace inspection',
          dueAt: null,
        });
        return inspection;
      },
    });
  }

  @Mutation(() => Sanction, { description: 'Records a sanction imposed on the employer after an inspection.' })
  async imposeSanction(
    @Arg('input', () => ImposeSanctionInput) input: ImposeSanctionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Sanction> {
    const fine = FINES.includes(input.kind);
    if (fine && input.amountNok == null) throw badInput('amountNok', `A ${input.kind} needs its amount`);
    if (!fine && input.amountNok != null) throw badInput('amountNok', `A ${input.kind} has no amount`);
    const target = inspectionTarget(input.inspectionId);
    return agencyMutation(ctx, {
      mutation: 'imposeSanction',
      category: DataCategory.LABOUR_CASE,
      typeName: 'Sanction',
      written: Sanction,
      target,
      run: async (tx) => {
        const inspection = await target.lock(tx);
        if (input.imposedAt < inspection.inspectedAt) throw badInput('imposedAt', 'imposedAt cannot be before the inspection');
        return tx.getRepository(Sanction).save({
          id: newRecordId('sn'),
          victimId: inspection.victimId,
          inspectionId: inspection.id,
          kind: input.kind,
          amountNok: input.amountNok ?? null,
          imposedAt: input.imposedAt,
        });
      },
    });
  }

  @Mutation(() => PoliceReferral, { description: "Refers an inspection's findings to the police (once per inspection)." })
  async referToPolice(
    @Arg('input', () => ReferToPoliceInput) input: ReferToPoliceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PoliceReferral> {
    const target = inspectionTarget(input.inspectionId);
    return agencyMutation(ctx, {
      mutation: 'referToPolice',
      category: DataCategory.LABOUR_CASE,
      typeName: 'PoliceReferral',
      written: PoliceReferral,
      target,
      run: async (tx, write) => {
        const inspection = await target.lock(tx);
        if (input.referredAt < inspection.inspectedAt) throw badInput('referredAt', 'referredAt cannot be before the inspection');
        const repo = tx.getRepository(PoliceReferral);
        if (await repo.existsBy({ inspectionId: inspection.id })) throw conflict('The findings of this inspection are already referred to the police');
        const referral = await repo
          .save({
            id: newRecordId('lr'),
            victimId: inspection.victimId,
            inspectionId: inspection.id,
            policeDistrict: input.policeDistrict.trim(),
            referredAt: input.referredAt,
          })
          .catch((error: unknown) => {
            // A concurrent referral of the same inspection got there first.
            throw isUniqueViolation(error) ? conflict('The findings of this inspection are already referred to the police') : error;
          });
        await write.supportEvent({
          kind: SupportEventKind.REFERRED_TO_POLICE,
          at: input.referredAt.toISOString(),
          summary: 'Labour inspection referred the case to the police',
          dueAt: null,
        });
        return referral;
      },
    });
  }

  @Mutation(() => BackPayClaim, { description: 'Files a back-pay or compensation claim for the victim against the employer.' })
  async fileBackPayClaim(
    @Arg('input', () => FileBackPayClaimInput) input: FileBackPayClaimInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BackPayClaim> {
    return agencyMutation(ctx, {
      mutation: 'fileBackPayClaim',
      category: DataCategory.LABOUR_CASE,
      typeName: 'BackPayClaim',
      fields: ['BackPayClaim.inspectionId', 'BackPayClaim.kind', 'BackPayClaim.claimedNok', 'BackPayClaim.filedAt', 'BackPayClaim.status'],
      target: { victimId: input.victimId },
      run: async (tx, write) => {
        const inspectionId = input.inspectionId ?? null;
        if (inspectionId !== null) {
          // Only an inspection of this victim's: another's answers as one that does not exist.
          const inspection = await tx.getRepository(WorkplaceInspection).findOneBy({ id: inspectionId });
          if (!inspection || inspection.victimId !== input.victimId) throw notFound('WorkplaceInspection', inspectionId);
          if (input.filedAt < inspection.inspectedAt) throw badInput('filedAt', 'filedAt cannot be before the inspection');
        }
        const claim = await tx.getRepository(BackPayClaim).save({
          id: newRecordId('bp'),
          victimId: input.victimId,
          inspectionId,
          kind: input.kind,
          claimedNok: input.claimedNok,
          filedAt: input.filedAt,
          status: ClaimStatus.FILED,
          decidedAt: null,
          awardedNok: null,
        });
        await write.supportEvent({
          kind: SupportEventKind.BACK_PAY_CLAIMED,
          at: input.filedAt.toISOString(),
          summary: input.kind === ClaimKind.BACK_PAY ? 'Back-pay claim filed' : 'Compensation claim filed',
          dueAt: null,
        });
        return claim;
      },
    });
  }

  @Mutation(() => BackPayClaim, { description: 'Records the decision on a back-pay or compensation claim: awarded or rejected.' })
  async decideBackPayClaim(
    @Arg('input', () => DecideBackPayClaimInput) input: DecideBackPayClaimInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BackPayClaim> {
    if (input.decision === ClaimStatus.FILED) throw badInput('decision', 'A decision is AWARDED or REJECTED');
    const awarded = input.decision === ClaimStatus.AWARDED;
    if (awarded && input.awardedNok == null) throw badInput('awardedNok', 'An award needs its amount');
    if (!awarded && input.awardedNok != null) throw badInput('awardedNok', 'A rejected claim has no amount awarded');
    const target = recordTarget(BackPayClaim, input.claimId);
    return agencyMutation(ctx, {
      mutation: 'decideBackPayClaim',
      category: DataCategory.LABOUR_CASE,
      typeName: 'BackPayClaim',
      fields: ['BackPayClaim.status', 'BackPayClaim.decidedAt', 'BackPayClaim.awardedNok'],
      target,
      run: async (tx, write) => {
        const repo = tx.getRepository(BackPayClaim);
        const claim = await target.lock(tx);
        if (claim.status !== ClaimStatus.FILED) throw conflict(`The claim is already ${claim.status}`);
        if (awarded && input.awardedNok! > claim.claimedNok) throw badInput('awardedNok', 'awardedNok cannot exceed the amount claimed');
        const now = new Date();
        claim.status = input.decision;
        claim.decidedAt = now;
        claim.awardedNok = awarded ? input.awardedNok! : null;
        await repo.save(claim);
        const what = claim.kind === ClaimKind.BACK_PAY ? 'Back-pay' : 'Compensation';
        await write.supportEvent({
          kind: SupportEventKind.BACK_PAY_DECIDED,
          at: now.toISOString(),
          summary: `${what} claim ${awarded ? 'awarded' : 'rejected'}`,
          dueAt: null,
        });
        return claim;
      },
    });
  }
}
