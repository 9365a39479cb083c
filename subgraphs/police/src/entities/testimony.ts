import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';
import { Investigation } from './investigation';

/** Testimony a victim gave in court; it opens the way to a permanent residence permit. */
@AboutVictim('victimId')
@ObjectType({ description: 'Testimony the victim gave in court.' })
@Entity('testimony')
export class Testimony {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('testimony_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => ID)
  @ForeignKey(() => Investigation, { name: 'testimony_investigation_id_fkey' })
  @Column({ name: 'investigation_id', type: 'text' })
  investigationId!: string;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => String)
  @Column({ type: 'text' })
  court!: string;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => Date)
  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt!: Date;
}
