import { Field, ObjectType } from 'type-graphql';
import { Category, DataCategory, type DerivedValue, AboutVictim } from '@hub/shared';

/**
 * `Victim.permanentResidenceEligibility` is computed from immigration's permits and the police's testimony: the
 * category wrapper decides both for the victim before the resolver runs (docs/architecture.md, "Derived values").
 */
export const permanentResidenceEligibilityValue: DerivedValue = {
  inputs: [DataCategory.IMMIGRATION, DataCategory.POLICE_CASE],
  description: "Eligibility for permanent residence: immigration's permits and the police's testifiedInCourt.",
};

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
