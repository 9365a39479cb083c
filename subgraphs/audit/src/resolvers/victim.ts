import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The victim as the audit subgraph knows them: by pseudonymous id only. */
@Directive('@key(fields: "id")')
@ObjectType('Victim')
export class Victim {
  @Field(() => ID)
  id!: string;
}
