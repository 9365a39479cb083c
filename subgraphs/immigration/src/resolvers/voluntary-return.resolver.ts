import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { agencyMutation, badInput, conflict, DataCategory, newRecordId, recordTarget, requireRecordedDate, type SubgraphContext, SupportEventKind, uniquelyOr } from '@hub/shared';
import { VoluntaryReturn } from '../entities/voluntary-return';


const ISO_ALPHA_2 = /^[A-Z]{2}$/;
const OPEN_RETURN = 'A voluntary return is already being arranged for this victim';

@Resolver()
export class VoluntaryReturnResolver {
  @Mutation(() => VoluntaryReturn, {
    description: 'Registers a request for an assisted voluntary return. CONFLICT if one is already being arranged.',
  })
  async requestVoluntaryReturn(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('destinationCountry', () => String, { description: 'ISO 3166-1 alpha-2, e.g. NG.' }) destinationCountry: string,
    @Arg('requestedAt', () => Date, { description: 'When the victim asked; not in the future.' }) requestedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VoluntaryReturn> {
    if (!ISO_ALPHA_2.test(destinationCountry)) {
      throw badInput('destinationCountry', 'destinationCountry must be an ISO 3166-1 alpha-2 code such as NG');
    }
    requireRecordedDate('requestedAt', requestedAt, ctx.now);
    return agencyMutation(ctx, {
      mutation: 'requestVoluntaryReturn',
      category: DataCategory.IMMIGRATION,
      typeName: 'VoluntaryReturn',
      written: VoluntaryReturn,
      target: { victimId: victimId },
      run: async (tx) => {
      const repo = tx.getRepository(VoluntaryReturn);
      if (await repo.exists({ where: { victimId, completedAt: IsNull() } })) throw conflict(OPEN_RETURN);
      const voluntaryReturn = repo.create({ id: newRecordId('ret'), victimId, requestedAt, completedAt: null, destinationCountry });
      await uniquelyOr(repo.insert(voluntaryReturn), OPEN_RETURN);
      // No support event: the support path marks the departure (RETURN_COMPLETED), not the request.
      return voluntaryReturn;
    },
    });
  }

  @Mutation(() => VoluntaryReturn, { description: 'Records that the victim has left. CONFLICT if already completed.' })
  async completeVoluntaryReturn(
    @Arg('returnId', () => ID) returnId: string,
    @Arg('completedAt', () => Date, { description: 'When the victim left; not in the future.' }) completedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VoluntaryReturn> {
    requireRecordedDate('completedAt', completedAt, ctx.now);
    const target = recordTarget(VoluntaryReturn, returnId, 'Voluntary return');
    return agencyMutation(ctx, {
      mutation: 'completeVoluntaryReturn',
      category: DataCategory.IMMIGRATION,
      typeName: 'VoluntaryReturn',
      written: VoluntaryReturn,
      target,
      run: async (tx, write) => {
      const repo = tx.getRepository(VoluntaryReturn);
      const voluntaryReturn = await target.lock(tx);
      if (voluntaryReturn.completedAt) throw conflict('This voluntary return is already completed');
      if (completedAt < voluntaryReturn.requestedAt) throw badInput('completedAt', 'completedAt cannot be before the request');
      voluntaryReturn.completedAt = completedAt;
      await repo.save(voluntaryReturn);
      await write.supportEvent({
        victimId: voluntaryReturn.victimId,
        kind: SupportEventKind.RETURN_COMPLETED,
        at: completedAt.toISOString(),
        summary: 'Voluntary return completed',
        dueAt: null,
      });
      return voluntaryReturn;
    },
    });
  }
}
