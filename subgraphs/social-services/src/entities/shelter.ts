import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, Gender, Region, AboutVictimReached } from '@hub/shared';

export enum ShelterGroup {
  WOMEN = 'WOMEN',
  MEN = 'MEN',
  MINORS = 'MINORS',
}
registerEnumType(ShelterGroup, {
  name: 'ShelterGroup',
  description: 'A group of people a safe house takes in: adult women, adult men, or minors.',
});

/**
 * A safe house. In itself it is about no victim: in the directory its name and address are SHELTER_LOCATION
 * decided for no victim, so only social services' own staff (or an emergency) see them; capacity, region and
 * whom it takes in are not personal. Reached through a placement (PlacementResolver.shelter, `reachedThrough`),
 * they are facts about the victim placed there, and decided for that victim.
 */
@AboutVictimReached()
@ObjectType({ description: 'A safe house. Its name and address are shown to social services staff only.' })
@Entity('shelter')
@Check('shelter_capacity_check', 'capacity >= 1')
export class Shelter {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Category(DataCategory.SHELTER_LOCATION)
  @Field(() => String, { nullable: true, description: 'Name of the safe house: null unless the caller may see shelter locations.' })
  @Column({ type: 'text' })
  name!: string;

  @Category(DataCategory.SHELTER_LOCATION)
  @Field(() => String, { nullable: true, description: 'Street address: null unless the caller may see shelter locations.' })
  @Column({ type: 'text' })
  address!: string;

  @Field(() => Region, { description: 'Region the safe house lies in.' })
  @Column({ type: 'text' })
  region!: Region;

  @Field(() => Int, { description: 'Number of beds.' })
  @Column({ type: 'integer' })
  capacity!: number;

  @Field(() => [ShelterGroup], { description: 'Whom the safe house takes in.' })
  @Column({ type: 'text', array: true })
  accepts!: ShelterGroup[];

  @Field(() => Boolean, { description: 'Whether it offers long-term accommodation rather than a crisis stay.' })
  @Column({ name: 'long_term', type: 'boolean' })
  longTerm!: boolean;
}

/**
 * Whether a safe house takes in a person: minors only where minors are taken in, adults by gender;
 * a person of other gender may go to a house for women or one for men.
 */
export function shelterTakesIn(accepts: readonly ShelterGroup[], person: { minor: boolean; gender: Gender }): boolean {
  if (person.minor) return accepts.includes(ShelterGroup.MINORS);
  switch (person.gender) {
    case Gender.FEMALE:
      return accepts.includes(ShelterGroup.WOMEN);
    case Gender.MALE:
      return accepts.includes(ShelterGroup.MEN);
    case Gender.OTHER:
      return accepts.includes(ShelterGroup.WOMEN) || accepts.includes(ShelterGroup.MEN);
    default: {
      const unreachable: never = person.gender;
      throw new Error(`unreachable gender ${String(unreachable)}`);
    }
  }
}
