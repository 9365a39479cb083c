import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AboutVictim, Category, DataCategory } from '@hub/shared';
import { WorkplaceInspection } from './workplace-inspection';

/** A referral of an inspection's findings to the police (a report of suspected forced labour). */
@AboutVictim('victimId')
@ObjectType({ description: "The inspection's findings referred to the police." })
@Entity('police_referral')
export class PoliceReferral {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('police_referral_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => ID, { description: 'The inspection whose findings were referred (one referral per inspection).' })
  @ForeignKey(() => WorkplaceInspection, { name: 'police_referral_inspection_id_fkey' })
  @Column({ name: 'inspection_id', type: 'text', unique: true })
  inspectionId!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => String, { description: 'The police district the referral went to.' })
  @Column({ name: 'police_district', type: 'text' })
  policeDistrict!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Date)
  @Column({ name: 'referred_at', type: 'timestamptz' })
  referredAt!: Date;
}
