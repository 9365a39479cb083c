import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AboutVictim } from '@hub/shared';

/** The victim as the audit subgraph knows them: by pseudonymous id only. */
@AboutVictim('id')
@Directive('@key(fields: "id")')
@ObjectType('Victim')
export class Victim {
  @Field(() => ID)
  id!: string;
}
