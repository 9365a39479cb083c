import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

export enum PermitType {
  TEMPORARY_RESIDENCE = 'TEMPORARY_RESIDENCE',
  PERMANENT_RESIDENCE = 'PERMANENT_RESIDENCE',
}
registerEnumType(PermitType, {
  name: 'PermitType',
  description:
    'TEMPORARY_RESIDENCE: for a victim who cooperates with the police, up to one year, renewable. ' +
    'PERMANENT_RESIDENCE: for a victim who has given evidence in court, without end date.',
});

export enum PermitDecision {
  PENDING = 'PENDING',
  GRANTED = 'GRANTED',
  REFUSED = 'REFUSED',
}
registerEnumType(PermitDecision, {
  name: 'PermitDecision',
  description: 'Where a permit application stands: PENDING until the immigration authority decides.',
});

/**
 * An application for a residence permit and, once decided, the permit itself. At most one application
 * of each type may be pending for a victim at a time (a partial unique index holds it).
 */
@AboutVictim('victimId')
@ObjectType({ description: 'A residence permit application and, once granted, the permit and its validity.' })
@Entity('permit')
@Index('permit_one_pending_per_type', ['victimId', 'type'], { unique: true, where: `decision = 'PENDING'` })
export class Permit {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('permit_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => PermitType)
  @Column({ type: 'text' })
  type!: PermitType;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { description: 'When the application was made.' })
  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt!: Date;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => PermitDecision)
  @Column({ type: 'text' })
  decision!: PermitDecision;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { nullable: true, description: 'When the application was decided; null while pending.' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { nullable: true, description: 'First day of validity; null unless granted.' })
  @Column({ name: 'valid_from', type: 'timestamptz', nullable: true })
  validFrom!: Date | null;

  @Category(DataCategory.IMMIGRATION)
  @Field(() => Date, { nullable: true, description: 'End of validity of a temporary permit; null for a permanent one.' })
  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil!: Date | null;
}
