import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import {
  DataCategory,
  type SubgraphContext,
  SupportEventKind,
  conflict,
  agencyMutation,
} from '@hub/shared';
import { AssistanceDecision } from '../entities/assistance-decision';

/** Whether a victim accepts the assistance offered: the national "share accepting assistance" counts these. */
@Resolver()
export class AssistanceDecisionResolver {
  @Mutation(() => Boolean, {
    description:
      'Records whether the victim accepted the assistance offered; a later decision replaces an earlier one. CONFLICT when it repeats the current decision.',
  })
  async recordAssistanceDecision(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('accepted', () => Boolean) accepted: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return agencyMutation(ctx, {
      mutation: 'recordAssistanceDecision',
      category: DataCategory.SOCIAL,
      typeName: 'Boolean',
      target: { victimId: victimId },
      run: async (tx, write) => {
      const repo = tx.getRepository(AssistanceDecision);
      const current = await repo.findOne({ where: { victimId }, lock: { mode: 'pessimistic_write' } });
      if (current?.accepted === accepted) {
        throw conflict(`The victim has already ${accepted ? 'accepted' : 'declined'} assistance`);
      }
      await repo.upsert({ victimId, accepted, decidedAt: ctx.now }, ['victimId']);
      await write.supportEvent({
        victimId,
        kind: accepted ? SupportEventKind.ASSISTANCE_ACCEPTED : SupportEventKind.ASSISTANCE_DECLINED,
        at: ctx.now.toISOString(),
        summary: accepted ? 'Accepted assistance' : 'Declined assistance',
        dueAt: null,
      });
      return true;
    },
    });
  }
}
