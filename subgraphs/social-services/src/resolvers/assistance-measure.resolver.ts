import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { agencyMutation, conflict, DataCategory, newRecordId, recordTarget, requireRecordedDate, type SubgraphContext } from '@hub/shared';
import { AssistanceMeasure, AssistanceMeasureKind } from '../entities/assistance-measure';


// The support path has no event kind for single measures: they show there through the assistance decision.

/** Starting and ending assistance measures. */
@Resolver(() => AssistanceMeasure)
export class AssistanceMeasureResolver {
  @Mutation(() => AssistanceMeasure, {
    description: 'Starts an assistance measure. CONFLICT when a measure of the same kind is still running.',
  })
  async startAssistanceMeasure(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('kind', () => AssistanceMeasureKind) kind: AssistanceMeasureKind,
    @Arg('startedAt', () => Date, { description: 'When the measure began (not in the future).' }) startedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AssistanceMeasure> {
    requireRecordedDate('startedAt', startedAt, ctx.now);
    return agencyMutation(ctx, {
      mutation: 'startAssistanceMeasure',
      category: DataCategory.SOCIAL,
      typeName: 'AssistanceMeasure',
      written: AssistanceMeasure,
      target: { victimId: victimId },
      run: async (tx) => {
      const repo = tx.getRepository(AssistanceMeasure);
      if (await repo.existsBy({ victimId, kind, endedAt: IsNull() })) {
        throw conflict(`An assistance measure of kind ${kind} is still running for this victim`);
      }
      return repo.save(repo.create({ id: newRecordId('ms'), victimId, kind, startedAt, endedAt: null }));
    },
    });
  }

  @Mutation(() => AssistanceMeasure, { description: 'Ends a running assistance measure.' })
  async endAssistanceMeasure(
    @Arg('measureId', () => ID) measureId: string,
    @Arg('endedAt', () => Date, { description: 'When the measure ended (not in the future, not before it began).' })
    endedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AssistanceMeasure> {
    requireRecordedDate('endedAt', endedAt, ctx.now);
    const target = recordTarget(AssistanceMeasure, measureId);
    return agencyMutation(ctx, {
      mutation: 'endAssistanceMeasure',
      category: DataCategory.SOCIAL,
      typeName: 'AssistanceMeasure',
      written: AssistanceMeasure,
      target,
      run: async (tx) => {
      const repo = tx.getRepository(AssistanceMeasure);
      const measure = await target.lock(tx);
      if (measure.endedAt !== null) throw conflict('The measure has already ended');
      requireRecordedDate('endedAt', endedAt, ctx.now, { date: measure.startedAt, what: 'startedAt' });
      await repo.update({ id: measure.id }, { endedAt });
      measure.endedAt = endedAt;
      return measure;
    },
    });
  }
}
