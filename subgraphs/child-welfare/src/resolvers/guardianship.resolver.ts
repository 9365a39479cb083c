import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { agencyMutation, badInput, conflict, DataCategory, isUniqueViolation, newRecordId, recordTarget, requireRecordedDate, type SubgraphContext, SupportEventKind } from '@hub/shared';
import { Guardianship } from '../entities/guardianship';
import { requireMinor } from './mutation-helpers';

const CURRENT_GUARDIAN_EXISTS = 'The minor already has a current guardian; end that guardianship first';

@Resolver()
export class GuardianshipResolver {
  @Mutation(() => Guardianship, { description: 'Appoints a guardian for an unaccompanied minor who has no current guardian.' })
  async appointGuardian(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('guardianName', () => String, { description: "The guardian's name, 2–120 characters." }) guardianName: string,
    @Arg('appointedAt', () => Date) appointedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Guardianship> {
    // Scalar arguments are not class-validator inputs: checked here.
    const name = guardianName.trim();
    if (name.length < 2 || name.length > 120) throw badInput('guardianName', 'guardianName must be 2–120 characters');
    requireRecordedDate('appointedAt', appointedAt, ctx.now);
    return agencyMutation(ctx, {
      mutation: 'appointGuardian',
      category: DataCategory.CHILD_WELFARE,
      typeName: 'Guardianship',
      written: Guardianship,
      target: { victimId: victimId },
      run: async (tx, write) => {
        await requireMinor(write, 'guardians are appointed for unaccompanied minors');
      const repo = tx.getRepository(Guardianship);
      if (await repo.existsBy({ victimId, endedAt: IsNull() })) throw conflict(CURRENT_GUARDIAN_EXISTS);
      let guardianship: Guardianship;
      try {
        guardianship = await repo.save(repo.create({ id: newRecordId('gd'), victimId, guardianName: name, appointedAt, endedAt: null }));
      } catch (error) {
        // Two appointments at once: the partial unique index lets only one through.
        if (isUniqueViolation(error)) throw conflict(CURRENT_GUARDIAN_EXISTS);
        throw error;
      }
      // The support path learns that a guardian exists: never who it is.
      await write.supportEvent({
        victimId,
        kind: SupportEventKind.GUARDIAN_APPOINTED,
        at: appointedAt.toISOString(),
        summary: 'Guardian appointed',
        dueAt: null,
      });
      return guardianship;
    },
    });
  }

  @Mutation(() => Guardianship, { description: 'Ends a current guardianship (the minor came of age, or the guardian stepped down).' })
  async endGuardianship(
    @Arg('guardianId', () => ID) guardianId: string,
    @Arg('endedAt', () => Date) endedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Guardianship> {
    const target = recordTarget(Guardianship, guardianId, 'Guardian');
    return agencyMutation(ctx, {
      mutation: 'endGuardianship',
      category: DataCategory.CHILD_WELFARE,
      typeName: 'Guardianship',
      written: Guardianship,
      target,
      run: async (tx) => {
      const repo = tx.getRepository(Guardianship);
      const guardianship = await target.lock(tx);
      if (guardianship.endedAt !== null) throw conflict('This guardianship has already ended');
      requireRecordedDate('endedAt', endedAt, ctx.now, { date: guardianship.appointedAt, what: 'the appointment' });
      guardianship.endedAt = endedAt;
      // No support event: SupportEventKind has none for an ended guardianship (see the report to the lead).
      return repo.save(guardianship);
    },
    });
  }
}
