import { Field, ObjectType } from 'type-graphql';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

/** Whether a victim may be granted permanent residence, derived from police testimony and own permits. */
@ObjectType({
  description:
    'Whether the victim qualifies for a permanent residence permit (evidence given in court, no permanent permit yet). ' +
    'Derived from the police field Victim.testifiedInCourt: refused whenever that input is refused to the caller.',
})
@AboutVictim('victimId')
export class PermanentResidenceEligibility {
  /** Not a GraphQL field: lets category enforcement find the victim. */
  victimId!: string;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Boolean)
  eligible!: boolean;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => String, { description: 'Why, in one sentence.' })
  reason!: string;
}
