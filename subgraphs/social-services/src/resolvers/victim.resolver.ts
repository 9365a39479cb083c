import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Category, DataCategory, type SubgraphContext } from '@hub/shared';
import { AssistanceMeasure } from '../entities/assistance-measure';
import { Placement, isCurrentPlacement } from '../entities/placement';
import { socialRecords } from './social-records';
import { Victim } from './victim';

@Resolver(() => Victim)
export class VictimSocialServicesResolver {
  @Category(DataCategory.SOCIAL)
  @FieldResolver(() => [Placement], { nullable: true, description: 'Stays in safe houses, oldest first.' })
  placements(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Placement[]> {
    return socialRecords(ctx).placements.load(victim.id);
  }

  @Category(DataCategory.SOCIAL)
  @FieldResolver(() => [AssistanceMeasure], { nullable: true, description: 'Assistance measures, oldest first.' })
  assistanceMeasures(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<AssistanceMeasure[]> {
    return socialRecords(ctx).measures.load(victim.id);
  }

  @Category(DataCategory.SOCIAL)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the victim accepted the assistance offered; null when no decision is recorded.',
  })
  async acceptedAssistance(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<boolean | null> {
    return (await socialRecords(ctx).decision.load(victim.id))?.accepted ?? null;
  }

  @Category(DataCategory.SOCIAL)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the victim currently stays in a safe house that offers long-term accommodation.',
  })
  async longTermAccommodation(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    const records = socialRecords(ctx);
    const current = (await records.placements.load(victim.id)).find((p) => isCurrentPlacement(p, ctx.now));
    if (!current) return false;
    return (await records.shelter.load(current.shelterId))?.longTerm ?? false;
  }
}
