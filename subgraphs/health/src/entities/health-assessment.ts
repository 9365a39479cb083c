import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

/** A clinical assessment of a victim by the health service: findings and notes are HEALTH_DETAIL. */
@AboutVictim('victimId')
@ObjectType({ description: 'A clinical health assessment of the victim. Shared only by a consent naming HEALTH_DETAIL.' })
@Entity('health_assessment')
export class HealthAssessment {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('health_assessment_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.HEALTH_DETAIL)
  @Field(() => Date, { description: 'When the assessment took place.' })
  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt!: Date;

  @Category(DataCategory.HEALTH_DETAIL)
  @Field(() => String, { description: 'Staff id of the clinician who made the assessment, e.g. clin-oslo-2.' })
  @Column({ type: 'text' })
  clinician!: string;

  @Category(DataCategory.HEALTH_DETAIL)
  @Field(() => [String], { description: 'Finding codes, e.g. PTSD_SYMPTOMS, UNTREATED_INJURY, MALNUTRITION.' })
  @Column({ type: 'text', array: true })
  findings!: string[];

  @Category(DataCategory.HEALTH_DETAIL)
  @Field(() => String, { description: "The clinician's notes." })
  @Column({ type: 'text' })
  notes!: string;

  // When the record was written, as opposed to when the assessment took place (it may be back-dated).
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
