import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Category, DataCategory, DerivedField, HubError, type SubgraphContext } from '@hub/shared';
import { Permit } from '../entities/permit';
import { ReflectionPeriod } from '../entities/reflection-period';
import { VoluntaryReturn } from '../entities/voluntary-return';
import { immigrationRecords } from './immigration-records';
import { permanentResidenceEligibility } from './immigration-rules';
import { PermanentResidenceEligibility, permanentResidenceEligibilityValue } from './permanent-residence-eligibility';
import { Victim } from './victim';

@Resolver(() => Victim)
export class VictimImmigrationResolver {
  @Category(DataCategory.IMMIGRATION)
  @FieldResolver(() => ReflectionPeriod, { nullable: true, description: 'The reflection period, if one was granted.' })
  reflectionPeriod(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<ReflectionPeriod | null> {
    return immigrationRecords(ctx).reflectionPeriod.load(victim.id);
  }

  @Category(DataCategory.IMMIGRATION)
  @FieldResolver(() => [Permit], { nullable: true, description: 'Residence permit applications and permits, oldest first.' })
  permits(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Permit[]> {
    return immigrationRecords(ctx).permits.load(victim.id);
  }

  @Category(DataCategory.IMMIGRATION)
  @FieldResolver(() => VoluntaryReturn, { nullable: true, description: 'The latest assisted voluntary return, if any.' })
  async voluntaryReturn(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<VoluntaryReturn | null> {
    return (await immigrationRecords(ctx).returns.load(victim.id)).at(-1) ?? null;
  }

  @Category(DataCategory.IMMIGRATION)
  @DerivedField('Victim', permanentResidenceEligibilityValue)
  @Directive('@requires(fields: "testifiedInCourt")')
  @FieldResolver(() => PermanentResidenceEligibility, {
    nullable: true,
    description:
      'Whether the victim qualifies for permanent residence. Needs POLICE_CASE (testifiedInCourt) as well as IMMIGRATION: ' +
      'a derived field is no more open than its inputs.',
  })
  async permanentResidenceEligibility(
    @Root() victim: Victim,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PermanentResidenceEligibility> {
    // Both inputs were decided for this caller before this runs (DerivedField), whatever the representation
    // carries. The gateway fetches testifiedInCourt from the police under the same rights; when it did not
    // arrive all the same (the police did not answer), there is nothing to compute from.
    if (typeof victim.testifiedInCourt !== 'boolean') {
      throw new HubError('SUBGRAPH_UNAVAILABLE', 'Victim.permanentResidenceEligibility needs testifiedInCourt, which the police did not deliver', {
        service: 'police',
      });
    }
    const permits = await immigrationRecords(ctx).permits.load(victim.id);
    return { victimId: victim.id, ...permanentResidenceEligibility(victim.testifiedInCourt, permits) };
  }
}
