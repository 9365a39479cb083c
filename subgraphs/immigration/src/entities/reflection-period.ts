import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

/**
 * The six-month reflection period (Immigration Regulations s. 8-3), open to every nationality. It is not
 * renewable, so a victim has at most one: the database holds that with a unique victim id.
 */
@AboutVictim('victimId')
@ObjectType({ description: 'The six-month reflection period: time to recover and decide whether to cooperate with the police.' })
@Entity('reflection_period')
export class ReflectionPeriod {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'victim_id', type: 'text', unique: true })
  victimId!: string;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { description: 'When the reflection period began.' })
  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { description: 'When it ends: six calendar months after it began.' })
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;
}
