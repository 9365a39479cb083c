import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AboutVictim, Category, DataCategory } from '@hub/shared';
import { WorkplaceInspection } from './workplace-inspection';

export enum SanctionKind {
  ORDER = 'ORDER',
  COERCIVE_FINE = 'COERCIVE_FINE',
  INFRINGEMENT_FINE = 'INFRINGEMENT_FINE',
  SUSPENSION_OF_OPERATIONS = 'SUSPENSION_OF_OPERATIONS',
}
registerEnumType(SanctionKind, {
  name: 'SanctionKind',
  description: 'A sanction against the employer: an order, a coercive or infringement fine, or stopping the work.',
});

/** A sanction the inspection authority imposed on the employer after an inspection. */
@AboutVictim('victimId')
@ObjectType({ description: 'A sanction imposed on the employer after an inspection in which the person was found.' })
@Entity('sanction')
export class Sanction {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('sanction_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => ID)
  @ForeignKey(() => WorkplaceInspection, { name: 'sanction_inspection_id_fkey' })
  @Column({ name: 'inspection_id', type: 'text' })
  inspectionId!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => SanctionKind)
  @Column({ type: 'text' })
  kind!: SanctionKind;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Int, { nullable: true, description: 'Amount of a fine in NOK (none for an order or a suspension).' })
  @Column({ name: 'amount_nok', type: 'integer', nullable: true })
  amountNok!: number | null;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Date)
  @Column({ name: 'imposed_at', type: 'timestamptz' })
  imposedAt!: Date;
}
