import { Field, ObjectType } from 'type-graphql';
import { Agency, Region, agencyEntries } from '@hub/shared';

/** An agency's 24-hour on-call contact. Not personal data about victims. */
@ObjectType({ description: "An agency's 24-hour on-call contact for the coordinating unit." })
export class AgencyContact {
  @Field(() => Agency) agency!: Agency;
  @Field(() => String) unit!: string;
  @Field(() => Region, { nullable: true, description: 'Region served; null for a national unit.' }) region!: Region | null;
  @Field(() => String) onCallPhone!: string;
  @Field(() => String) email!: string;
}

/** The directory the coordinating unit keeps of the agencies in the cooperation (the agency registry's `directory`). */
export const agencyDirectory: readonly AgencyContact[] = agencyEntries.flatMap((e) =>
  e.directory.map((c) => ({ agency: e.agency as Agency, ...c, region: c.region as Region | null })),
);
