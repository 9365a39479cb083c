import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Agency, Category, DataCategory, Region, AboutVictim } from '@hub/shared';
import { Victim } from './victim';

export enum ProblemTopic {
  ACCOMMODATION = 'ACCOMMODATION',
  INTERPRETER = 'INTERPRETER',
  HEALTH_ACCESS = 'HEALTH_ACCESS',
  SAFETY = 'SAFETY',
  COOPERATION = 'COOPERATION',
  OTHER = 'OTHER',
}
registerEnumType(ProblemTopic, { name: 'ProblemTopic', description: 'What a problem report is about.' });

/** A problem a local unit or an NGO reports to the coordinating unit, about one victim or in general. */
@AboutVictim('victimId')
@ObjectType({ description: 'A problem reported by a local unit or an NGO.' })
@Entity('problem_report')
export class ProblemReport {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => ID, { nullable: true, description: 'The victim concerned, if any.' })
  @Index('IDX_problem_report_victim_id')
  @ForeignKey(() => Victim, { name: 'problem_report_victim_id_fkey' })
  @Column({ name: 'victim_id', type: 'text', nullable: true })
  victimId!: string | null;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Agency, { nullable: true })
  @Column({ name: 'reported_by_agency', type: 'text' })
  reportedByAgency!: Agency;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => String, { nullable: true, description: 'Organisation that reported, e.g. an NGO or a local unit.' })
  @Column({ type: 'text' })
  reporter!: string;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Region, { nullable: true })
  @Column({ type: 'text' })
  region!: Region;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => ProblemTopic, { nullable: true })
  @Column({ type: 'text' })
  topic!: ProblemTopic;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => String, { nullable: true })
  @Column({ type: 'text' })
  description!: string;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
