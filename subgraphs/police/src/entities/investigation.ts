import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

export enum InvestigationStatus {
  REPORTED = 'REPORTED',
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
  CHARGED = 'CHARGED',
  PROSECUTED = 'PROSECUTED',
  CONVICTED = 'CONVICTED',
  ACQUITTED = 'ACQUITTED',
  DROPPED = 'DROPPED',
}
registerEnumType(InvestigationStatus, {
  name: 'InvestigationStatus',
  description: 'Status of a criminal case, from report to verdict.',
});

/** A police investigation in which the person is a victim (Penal Code s. 257 and related offences). */
@AboutVictim('victimId')
@ObjectType({ description: 'A police investigation in which the person is the victim.' })
@Entity('investigation')
export class Investigation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('investigation_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => String, { description: 'Case number in the police case system, e.g. 2025-OSL-004211.' })
  @Column({ name: 'case_number', type: 'text', unique: true })
  caseNumber!: string;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => String, { description: 'Police district that runs the investigation.' })
  @Column({ type: 'text' })
  district!: string;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => [String], { description: 'Offence codes, e.g. TRAFFICKING_257.' })
  @Column({ type: 'text', array: true })
  offences!: string[];

  @Category(DataCategory.POLICE_CASE)
  @Field(() => InvestigationStatus)
  @Column({ type: 'text' })
  status!: InvestigationStatus;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => Date)
  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => Date)
  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'charged_at', type: 'timestamptz', nullable: true })
  chargedAt!: Date | null;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'verdict_at', type: 'timestamptz', nullable: true })
  verdictAt!: Date | null;

  @Category(DataCategory.POLICE_CASE)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
