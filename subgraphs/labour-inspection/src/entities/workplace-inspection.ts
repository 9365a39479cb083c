import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { AboutVictim, Category, DataCategory } from '@hub/shared';

/** Sectors of the labour market the inspection authority reports on (those where forced labour is found). */
export enum Sector {
  AGRICULTURE = 'AGRICULTURE',
  CONSTRUCTION = 'CONSTRUCTION',
  CLEANING = 'CLEANING',
  HOSPITALITY = 'HOSPITALITY',
  FISHERIES = 'FISHERIES',
  MANUFACTURING = 'MANUFACTURING',
  CAR_WASH = 'CAR_WASH',
  TRANSPORT = 'TRANSPORT',
  DOMESTIC_WORK = 'DOMESTIC_WORK',
  OTHER = 'OTHER',
}
registerEnumType(Sector, { name: 'Sector', description: 'Sector of the labour market of an inspected workplace.' });

/** The ILO indicators of forced labour, as the inspection authority records them at a workplace. */
export enum LabourIndicator {
  ABUSE_OF_VULNERABILITY = 'ABUSE_OF_VULNERABILITY',
  DECEPTION = 'DECEPTION',
  RESTRICTION_OF_MOVEMENT = 'RESTRICTION_OF_MOVEMENT',
  ISOLATION = 'ISOLATION',
  PHYSICAL_OR_SEXUAL_VIOLENCE = 'PHYSICAL_OR_SEXUAL_VIOLENCE',
  INTIMIDATION_AND_THREATS = 'INTIMIDATION_AND_THREATS',
  RETENTION_OF_IDENTITY_DOCUMENTS = 'RETENTION_OF_IDENTITY_DOCUMENTS',
  WITHHOLDING_OF_WAGES = 'WITHHOLDING_OF_WAGES',
  DEBT_BONDAGE = 'DEBT_BONDAGE',
  ABUSIVE_WORKING_AND_LIVING_CONDITIONS = 'ABUSIVE_WORKING_AND_LIVING_CONDITIONS',
  EXCESSIVE_OVERTIME = 'EXCESSIVE_OVERTIME',
}
registerEnumType(LabourIndicator, {
  name: 'LabourIndicator',
  description: 'An indicator of forced labour (the ILO list) found at an inspected workplace.',
});

/** An inspection of the workplace where the person was found working (Working Environment Act, ch. 18). */
@AboutVictim('victimId')
@ObjectType({ description: 'A workplace inspection in which the person was found working.' })
@Entity('workplace_inspection')
export class WorkplaceInspection {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('workplace_inspection_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => String, { description: 'The employer, as registered.' })
  @Column({ type: 'text' })
  employer!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => String, { description: "The workplace's organisation number in the register of business enterprises (9 digits)." })
  @Column({ name: 'organisation_number', type: 'text' })
  organisationNumber!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Sector)
  @Column({ type: 'text' })
  sector!: Sector;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => String, { description: 'Municipality of the workplace.' })
  @Column({ type: 'text' })
  municipality!: string;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => Date)
  @Column({ name: 'inspected_at', type: 'timestamptz' })
  inspectedAt!: Date;

  @Category(DataCategory.LABOUR_CASE)
  @Field(() => [LabourIndicator], { description: 'Indicators of forced labour found at the inspection.' })
  @Column({ name: 'indicators_found', type: 'text', array: true })
  indicatorsFound!: LabourIndicator[];

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
