import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

export enum AssistanceMeasureKind {
  FINANCIAL_SUPPORT = 'FINANCIAL_SUPPORT',
  INTERPRETER = 'INTERPRETER',
  LEGAL_AID = 'LEGAL_AID',
  LANGUAGE_COURSE = 'LANGUAGE_COURSE',
  WORK_TRAINING = 'WORK_TRAINING',
}
registerEnumType(AssistanceMeasureKind, {
  name: 'AssistanceMeasureKind',
  description: 'Kind of assistance social services give a victim.',
});

/** An assistance measure social services give a victim (financial support, interpreter, legal aid…). */
@AboutVictim('victimId')
@ObjectType({ description: 'An assistance measure social services give a victim.' })
@Entity('assistance_measure')
@Check('assistance_measure_period_check', 'ended_at IS NULL OR ended_at >= started_at')
export class AssistanceMeasure {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('assistance_measure_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.SOCIAL)
  @Field(() => AssistanceMeasureKind)
  @Column({ type: 'text' })
  kind!: AssistanceMeasureKind;

  @Category(DataCategory.SOCIAL)
  @Field(() => Date)
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Category(DataCategory.SOCIAL)
  @Field(() => Date, { nullable: true, description: 'When the measure ended; null while it lasts.' })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
