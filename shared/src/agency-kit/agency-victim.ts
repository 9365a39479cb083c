import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AboutVictim } from './victim-binding';

/**
 * The victim as an agency subgraph knows them: by pseudonymous id only, an entity keyed by `id` that the
 * agency's resolvers extend with its own fields (coordination owns the full type).
 */
@AboutVictim('id', 'Victim')
@Directive('@key(fields: "id")')
@ObjectType('Victim')
export class AgencyVictim {
  @Field(() => ID)
  id!: string;
}
