import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Category, DataCategory, type SubgraphContext } from '@hub/shared';
import { Investigation } from '../entities/investigation';
import { Testimony } from '../entities/testimony';
import { policeRecords } from './police-records';
import { Victim } from './victim';

@Resolver(() => Victim)
export class VictimPoliceResolver {
  @Category(DataCategory.POLICE_CASE)
  @FieldResolver(() => [Investigation], { nullable: true, description: 'Investigations in which this person is the victim.' })
  investigations(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Investigation[]> {
    return policeRecords(ctx).investigations.load(victim.id);
  }

  @Category(DataCategory.POLICE_CASE)
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the victim cooperates with the police.' })
  async cooperatesWithPolice(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return (await policeRecords(ctx).cooperation.load(victim.id)) !== null;
  }

  @Category(DataCategory.POLICE_CASE)
  @FieldResolver(() => Date, { nullable: true, description: 'When cooperation with the police began.' })
  async cooperatingSince(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Date | null> {
    return (await policeRecords(ctx).cooperation.load(victim.id))?.since ?? null;
  }

  @Category(DataCategory.POLICE_CASE)
  @FieldResolver(() => [Testimony], { nullable: true, description: 'Testimony given in court.' })
  testimonies(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Testimony[]> {
    return policeRecords(ctx).testimonies.load(victim.id);
  }

  @Category(DataCategory.POLICE_CASE)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the victim has testified in court (opens a permanent residence permit).',
  })
  async testifiedInCourt(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return (await policeRecords(ctx).testimonies.load(victim.id)).length > 0;
  }
}
