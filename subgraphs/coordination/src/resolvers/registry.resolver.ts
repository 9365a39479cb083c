import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { nationalIndicators } from '@hub/shared';
import { AgencyContact, agencyDirectory } from '../directory/agency-directory';

@ObjectType({ description: 'An indicator of the national list for identifying victims.' })
class Indicator {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String) group!: string;
}

/** Reference data of the coordinating unit; no personal data. */
@Resolver()
export class RegistryResolver {
  @Query(() => [AgencyContact], { description: 'The agencies in the cooperation, with 24-hour on-call contacts.' })
  agencyDirectory(): readonly AgencyContact[] {
    return agencyDirectory;
  }

  @Query(() => [Indicator], { description: 'The national indicator list used at identification.' })
  nationalIndicators(): Indicator[] {
    return [...nationalIndicators];
  }
}
