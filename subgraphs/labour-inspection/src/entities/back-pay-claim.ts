import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AboutVictim, Category, DataCategory } from '@hub/shared';
import { WorkplaceInspection } from './workplace-inspection';

export enum ClaimKind {
  BACK_PAY = 'BACK_PAY',
  COMPENSATION = 'COMPENSATION',
}
registerEnumType(ClaimKind, { name: 'ClaimKind', description: 'Wages owed (back pay), or compensation for the harm done.' });

export enum ClaimStatus {
  FILED = 'FILED',
  AWARDED = 'AWARDED',
  REJECTED = 'REJECTED',
}
registerEnumType(ClaimStatus, { name: 'ClaimStatus', description: 'Where a back-pay or compensation claim stands.' });

/** A claim for back pay or compensation that the inspection authority helped the victim file against the employer. */
@AboutVictim('victimId')
@ObjectType({ description: 'A back-pay or compensation claim for the victim against the employer.' })
@Entity('back_pay_claim')
export class BackPayClaim {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('back_pay_claim_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => ID, { nullable: true, description: 'The inspection that found the work the claim is for, when there was one.' })
  @ForeignKey(() => WorkplaceInspection, { name: 'back_pay_claim_inspection_id_fkey' })
  @Column({ name: 'inspection_id', type: 'text', nullable: true })
  inspectionId!: string | null;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => ClaimKind)
  @Column({ type: 'text' })
  kind!: ClaimKind;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Int, { description: 'Amount claimed, in NOK.' })
  @Column({ name: 'claimed_nok', type: 'integer' })
  claimedNok!: number;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Date)
  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => ClaimStatus)
  @Column({ type: 'text' })
  status!: ClaimStatus;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Int, { nullable: true, description: 'Amount awarded, in NOK (none until awarded).' })
  @Column({ name: 'awarded_nok', type: 'integer', nullable: true })
  awardedNok!: number | null;
}
