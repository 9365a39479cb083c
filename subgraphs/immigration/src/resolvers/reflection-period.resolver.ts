import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import {
  Category,
  DataCategory,
  type SubgraphContext,
  SupportEventKind,
  conflict,
  agencyMutation,
  newRecordId,
  uniquelyOr,
  requireRecordedDate,
} from '@hub/shared';
import { ReflectionPeriod } from '../entities/reflection-period';
import { REFLECTION_PERIOD_MONTHS, addMonths, daysLeft } from './immigration-rules';


const ALREADY_GRANTED = 'A reflection period was already granted to this victim; it is not renewable';

@Resolver(() => ReflectionPeriod)
export class ReflectionPeriodResolver {
  @Category(DataCategory.IMMIGRATION)
  @FieldResolver(() => Int, { nullable: true, description: 'Whole days until the reflection period ends; 0 once it has ended.' })
  daysLeft(@Root() period: ReflectionPeriod, @Ctx() ctx: SubgraphContext): number {
    return daysLeft(period.endsAt, ctx.now);
  }

  @Mutation(() => ReflectionPeriod, {
    description: 'Grants the six-month reflection period, from startsAt. Not renewable: CONFLICT if the victim already had one.',
  })
  async grantReflectionPeriod(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('startsAt', () => Date, { description: 'First day of the reflection period; not in the future.' }) startsAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReflectionPeriod> {
    requireRecordedDate('startsAt', startsAt, ctx.now);
    return agencyMutation(ctx, {
      mutation: 'grantReflectionPeriod',
      category: DataCategory.IMMIGRATION,
      typeName: 'ReflectionPeriod',
      written: ReflectionPeriod,
      target: { victimId: victimId },
      run: async (tx, write) => {
      const repo = tx.getRepository(ReflectionPeriod);
      if (await repo.existsBy({ victimId })) throw conflict(ALREADY_GRANTED);
      const period = repo.create({
        id: newRecordId('rp'),
        victimId,
        grantedAt: startsAt,
        endsAt: addMonths(startsAt, REFLECTION_PERIOD_MONTHS),
      });
      await uniquelyOr(repo.insert(period), ALREADY_GRANTED);
      await write.supportEvent({
        victimId,
        kind: SupportEventKind.REFLECTION_PERIOD_GRANTED,
        at: period.grantedAt.toISOString(),
        summary: 'Reflection period granted (6 months)',
        dueAt: period.endsAt.toISOString(),
      });
      return period;
    },
    });
  }
}
