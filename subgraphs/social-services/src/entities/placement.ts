import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';
import { Shelter } from './shelter';

/**
 * A victim's stay in a safe house. Which house it is (`shelter`, resolved in `placement.resolver.ts`) is
 * SHELTER_LOCATION; the shelter id is deliberately not a GraphQL field, since it would tell the house.
 */
@AboutVictim('victimId')
@ObjectType({ description: "A victim's stay in a safe house." })
@Entity('placement')
@Check('placement_period_check', 'placed_until IS NULL OR placed_until >= placed_from')
export class Placement {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('placement_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Index('placement_shelter_id_idx')
  @ForeignKey(() => Shelter, { name: 'placement_shelter_id_fkey' })
  @Column({ name: 'shelter_id', type: 'text' })
  shelterId!: string;

  // `from` is an SQL keyword, hence the column names.
  @Category(DataCategory.SOCIAL)
  @Field(() => Date, { description: 'When the stay began.' })
  @Column({ name: 'placed_from', type: 'timestamptz' })
  from!: Date;

  @Category(DataCategory.SOCIAL)
  @Field(() => Date, { nullable: true, description: 'When the stay ended (exclusive); null while it lasts.' })
  @Column({ name: 'placed_until', type: 'timestamptz', nullable: true })
  until!: Date | null;
}

/** A placement is current until it has ended: `until` is null or still ahead. */
export const isCurrentPlacement = (placement: Placement, now: Date): boolean =>
  placement.until === null || placement.until.getTime() > now.getTime();
