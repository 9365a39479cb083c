import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

export enum ChildWelfareMeasureKind {
  EMERGENCY_PLACEMENT = 'EMERGENCY_PLACEMENT',
  FOSTER_CARE = 'FOSTER_CARE',
  INSTITUTION = 'INSTITUTION',
  SUPPORT_CONTACT = 'SUPPORT_CONTACT',
  AFTERCARE = 'AFTERCARE',
}
registerEnumType(ChildWelfareMeasureKind, {
  name: 'ChildWelfareMeasureKind',
  description: 'Kind of child-welfare measure: emergency placement, foster care, institution, support contact, aftercare.',
});

/** A measure decided by the child welfare service for a minor victim (Child Welfare Act). */
@AboutVictim('victimId')
@ObjectType({ description: 'A measure the child welfare service decided for a minor victim.' })
@Entity('child_welfare_measure')
export class ChildWelfareMeasure {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('child_welfare_measure_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.CHILD_WELFARE)
  @Field(() => ChildWelfareMeasureKind)
  @Column({ type: 'text' })
  kind!: ChildWelfareMeasureKind;

  @Category(DataCategory.CHILD_WELFARE)
  @Field(() => Date, { description: 'When the measure was decided.' })
  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @Category(DataCategory.CHILD_WELFARE)
  @Field(() => Date, { nullable: true, description: 'When the measure ended; null while it is in force.' })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
