import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Category, DataCategory, type SubgraphContext } from '@hub/shared';
import { HealthAssessment } from '../entities/health-assessment';
import { HealthSummary, emptyHealthSummary } from '../entities/health-summary';
import { healthRecords } from './health-records';
import { Victim } from './victim';

@Resolver(() => Victim)
export class VictimHealthResolver {
  @Category(DataCategory.HEALTH_SUMMARY)
  @FieldResolver(() => HealthSummary, {
    nullable: true,
    description: 'Coarse health status. All false when the health service holds nothing: the same shape either way.',
  })
  async healthSummary(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<HealthSummary> {
    // Never null for "nothing held": a null would tell the caller that health does not know this person.
    return (await healthRecords(ctx).summary.load(victim.id)) ?? emptyHealthSummary(victim.id);
  }

  @Category(DataCategory.HEALTH_DETAIL)
  @FieldResolver(() => [HealthAssessment], { nullable: true, description: 'Clinical assessments, oldest first.' })
  healthAssessments(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<HealthAssessment[]> {
    return healthRecords(ctx).assessments.load(victim.id);
  }
}
