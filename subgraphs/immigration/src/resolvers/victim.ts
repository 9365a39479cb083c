import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AboutVictim } from '@hub/shared';

/** The victim as the immigration subgraph knows them: by pseudonymous id only. */
@AboutVictim('id')
@Directive('@key(fields: "id")')
@ObjectType('Victim')
export class Victim {
  @Field(() => ID)
  id!: string;

  // Owned by the police subgraph (POLICE_CASE); the gateway fetches it under the caller's own rights
  // and passes it in the representation when `permanentResidenceEligibility` is asked for.
  @Directive('@external')
  @Field(() => Boolean, { nullable: true })
  testifiedInCourt?: boolean | null;
}
