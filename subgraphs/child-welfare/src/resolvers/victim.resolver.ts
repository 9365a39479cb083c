import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Category, DataCategory, type SubgraphContext } from '@hub/shared';
import { ChildWelfareMeasure } from '../entities/child-welfare-measure';
import { Guardianship } from '../entities/guardianship';
import { childWelfareRecords } from './child-welfare-records';
import { Victim } from './victim';

@Resolver(() => Victim)
export class VictimChildWelfareResolver {
  @Category(DataCategory.CHILD_WELFARE)
  @FieldResolver(() => Guardianship, { nullable: true, description: 'The current guardian, if one is appointed.' })
  async guardian(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Guardianship | null> {
    const history = await childWelfareRecords(ctx).guardianships.load(victim.id);
    return history.find((g) => g.endedAt === null) ?? null;
  }

  @Category(DataCategory.CHILD_WELFARE)
  @FieldResolver(() => [Guardianship], { nullable: true, description: 'Every guardian appointed, oldest first.' })
  guardianHistory(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Guardianship[]> {
    return childWelfareRecords(ctx).guardianships.load(victim.id);
  }

  @Category(DataCategory.CHILD_WELFARE)
  @FieldResolver(() => [ChildWelfareMeasure], { nullable: true, description: 'Child-welfare measures, oldest first.' })
  childWelfareMeasures(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<ChildWelfareMeasure[]> {
    return childWelfareRecords(ctx).measures.load(victim.id);
  }
}
