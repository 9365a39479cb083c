import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

/**
 * A representative (guardian) appointed for an unaccompanied minor, from appointment until it ends.
 * At most one guardianship per victim is current (endedAt null); the partial unique index enforces it.
 */
@AboutVictim('victimId', 'Guardian')
@ObjectType('Guardian', { description: 'A guardian (representative) appointed for an unaccompanied minor.' })
@Entity('guardianship')
@Index('guardianship_current_key', ['victimId'], { unique: true, where: 'ended_at IS NULL' })
export class Guardianship {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('guardianship_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.CHILD_WELFARE)
  @Field(() => String, { description: "The guardian's name." })
  @Column({ name: 'guardian_name', type: 'text' })
  guardianName!: string;

  @Category(DataCategory.CHILD_WELFARE)
  @Field(() => Date, { description: 'When the guardian was appointed.' })
  @Column({ name: 'appointed_at', type: 'timestamptz' })
  appointedAt!: Date;

  @Category(DataCategory.CHILD_WELFARE)
  @Field(() => Date, { nullable: true, description: 'When the guardianship ended; null while it is current.' })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
