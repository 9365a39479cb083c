import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

/**
 * An assisted voluntary return to the victim's country. A victim has at most one open (not completed)
 * request at a time (a partial unique index holds it).
 */
@AboutVictim('victimId')
@ObjectType({ description: 'An assisted voluntary return, from request to departure.' })
@Entity('voluntary_return')
@Index('voluntary_return_one_open', ['victimId'], { unique: true, where: 'completed_at IS NULL' })
export class VoluntaryReturn {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('voluntary_return_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { description: 'When the victim asked for a return.' })
  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { nullable: true, description: 'When the victim left; null while the return is being arranged.' })
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => String, { description: 'Country of return, ISO 3166-1 alpha-2 (e.g. NG, RO).' })
  @Column({ name: 'destination_country', type: 'text' })
  destinationCountry!: string;
}
