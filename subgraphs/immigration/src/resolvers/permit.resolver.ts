import { IsDate, IsIn, IsOptional } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { agencyMutation, conflict, DataCategory, newRecordId, recordTarget, type SubgraphContext, SupportEventKind, uniquelyOr } from '@hub/shared';
import { Permit, PermitDecision, PermitType } from '../entities/permit';
import { permitValidity } from './immigration-rules';


@InputType({ description: 'The decision on a pending permit application.' })
class DecidePermitInput {
  @Field(() => ID) permitId!: string;

  @Field(() => PermitDecision, { description: 'GRANTED or REFUSED.' })
  @IsIn([PermitDecision.GRANTED, PermitDecision.REFUSED], { message: 'decision must be GRANTED or REFUSED' })
  decision!: PermitDecision;

  @Field(() => Date, { nullable: true, description: 'Required for a granted temporary permit; defaults to now for a permanent one.' })
  @IsOptional() @IsDate()
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Required for a granted temporary permit (at most a year after validFrom); absent for a permanent one.' })
  @IsOptional() @IsDate()
  validUntil?: Date | null;
}

const pendingExists = (type: PermitType): string => `An application for ${type} is already pending for this victim`;

@Resolver()
export class PermitResolver {
  @Mutation(() => Permit, {
    description: 'Registers an application for a residence permit; it is PENDING until decided. CONFLICT if one of that type is pending.',
  })
  async applyForPermit(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('type', () => PermitType) type: PermitType,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Permit> {
    return agencyMutation(ctx, {
      mutation: 'applyForPermit',
      category: DataCategory.IMMIGRATION,
      typeName: 'Permit',
      written: Permit,
      target: { victimId: victimId },
      run: async (tx) => {
      const repo = tx.getRepository(Permit);
      if (await repo.existsBy({ victimId, type, decision: PermitDecision.PENDING })) throw conflict(pendingExists(type));
      if (
        type === PermitType.PERMANENT_RESIDENCE &&
        (await repo.existsBy({ victimId, type, decision: PermitDecision.GRANTED }))
      ) {
        throw conflict('This victim already holds a permanent residence permit');
      }
      const permit = repo.create({
        id: newRecordId('pm'),
        victimId,
        type,
        appliedAt: ctx.now,
        decision: PermitDecision.PENDING,
        decidedAt: null,
        validFrom: null,
        validUntil: null,
      });
      await uniquelyOr(repo.insert(permit), pendingExists(type));
      // No support event: the support path has milestones for decisions, not for applications.
      return permit;
    },
    });
  }

  @Mutation(() => Permit, {
    description:
      'Decides a pending application. A granted temporary permit needs validFrom and validUntil (at most one year); ' +
      'a permanent permit has no validUntil. CONFLICT if already decided.',
  })
  async decidePermit(
    @Arg('input', () => DecidePermitInput) input: DecidePermitInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Permit> {
    const target = recordTarget(Permit, input.permitId);
    return agencyMutation(ctx, {
      mutation: 'decidePermit',
      category: DataCategory.IMMIGRATION,
      typeName: 'Permit',
      written: Permit,
      target,
      run: async (tx, write) => {
      const repo = tx.getRepository(Permit);
      const permit = await target.lock(tx);
      if (permit.decision !== PermitDecision.PENDING) throw conflict(`This application was already ${permit.decision}`);
      const validity = permitValidity(permit.type, input.decision, input.validFrom ?? null, input.validUntil ?? null, ctx.now);
      permit.decision = input.decision;
      permit.decidedAt = ctx.now;
      permit.validFrom = validity.validFrom;
      permit.validUntil = validity.validUntil;
      await repo.save(permit);
      await write.supportEvent({ victimId: permit.victimId, at: ctx.now.toISOString(), ...decisionEvent(permit) });
      return permit;
    },
    });
  }
}

/** The support-path milestone of a decision; a temporary permit's expiry becomes a deadline. */
function decisionEvent(permit: Permit): { kind: SupportEventKind; summary: string; dueAt: string | null } {
  const temporary = permit.type === PermitType.TEMPORARY_RESIDENCE;
  if (permit.decision === PermitDecision.REFUSED) {
    return {
      kind: SupportEventKind.PERMIT_REFUSED,
      summary: temporary ? 'Temporary residence permit refused' : 'Permanent residence permit refused',
      dueAt: null,
    };
  }
  return temporary
    ? {
        kind: SupportEventKind.TEMPORARY_PERMIT_GRANTED,
        summary: 'Temporary residence permit granted',
        dueAt: permit.validUntil?.toISOString() ?? null,
      }
    : { kind: SupportEventKind.PERMANENT_PERMIT_GRANTED, summary: 'Permanent residence permit granted', dueAt: null };
}
