import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { agencyMutation, conflict, DataCategory, newRecordId, recordTarget, requireRecordedDate, type SubgraphContext, SupportEventKind } from '@hub/shared';
import { ChildWelfareMeasure, ChildWelfareMeasureKind } from '../entities/child-welfare-measure';
import { requireMinor } from './mutation-helpers';

/** How a measure reads on the support path: the kind in plain words, nothing about where. */
const eventSummary: Record<ChildWelfareMeasureKind, string> = {
  EMERGENCY_PLACEMENT: 'Child-welfare measure decided: emergency placement',
  FOSTER_CARE: 'Child-welfare measure decided: foster care',
  INSTITUTION: 'Child-welfare measure decided: institution',
  SUPPORT_CONTACT: 'Child-welfare measure decided: support contact',
  AFTERCARE: 'Child-welfare measure decided: aftercare',
};

@Resolver()
export class ChildWelfareMeasureResolver {
  @Mutation(() => ChildWelfareMeasure, { description: 'Records a child-welfare measure decided for a minor.' })
  async decideChildWelfareMeasure(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('kind', () => ChildWelfareMeasureKind) kind: ChildWelfareMeasureKind,
    @Arg('decidedAt', () => Date) decidedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChildWelfareMeasure> {
    requireRecordedDate('decidedAt', decidedAt, ctx.now);
    return agencyMutation(ctx, {
      mutation: 'decideChildWelfareMeasure',
      category: DataCategory.CHILD_WELFARE,
      typeName: 'ChildWelfareMeasure',
      written: ChildWelfareMeasure,
      target: { victimId: victimId },
      run: async (tx, write) => {
        await requireMinor(write, 'child-welfare measures are decided for minors');
      const repo = tx.getRepository(ChildWelfareMeasure);
      // Two measures of one kind in force at once would be a double registration.
      if (await repo.existsBy({ victimId, kind, endedAt: IsNull() })) {
        throw conflict(`A measure of kind ${kind} is already in force for this minor`);
      }
      const measure = await repo.save(repo.create({ id: newRecordId('cw'), victimId, kind, decidedAt, endedAt: null }));
      await write.supportEvent({
        victimId,
        kind: SupportEventKind.CHILD_WELFARE_MEASURE,
        at: decidedAt.toISOString(),
        summary: eventSummary[kind],
        dueAt: null,
      });
      return measure;
    },
    });
  }

  @Mutation(() => ChildWelfareMeasure, { description: 'Ends a child-welfare measure that is in force.' })
  async endChildWelfareMeasure(
    @Arg('measureId', () => ID) measureId: string,
    @Arg('endedAt', () => Date) endedAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChildWelfareMeasure> {
    const target = recordTarget(ChildWelfareMeasure, measureId);
    return agencyMutation(ctx, {
      mutation: 'endChildWelfareMeasure',
      category: DataCategory.CHILD_WELFARE,
      typeName: 'ChildWelfareMeasure',
      written: ChildWelfareMeasure,
      target,
      run: async (tx) => {
      const repo = tx.getRepository(ChildWelfareMeasure);
      const measure = await target.lock(tx);
      if (measure.endedAt !== null) throw conflict('This measure has already ended');
      requireRecordedDate('endedAt', endedAt, ctx.now, { date: measure.decidedAt, what: 'the decision' });
      measure.endedAt = endedAt;
      // No support event: SupportEventKind has none for an ended measure (see the report to the lead).
      return repo.save(measure);
    },
    });
  }
}
