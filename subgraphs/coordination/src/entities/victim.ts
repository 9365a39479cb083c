import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { Agency, Category, DataCategory, ExploitationForm, Gender, Region, AboutVictim } from '@hub/shared';

/**
 * A victim in the coordinating unit's registry: who they are (pseudonymously) and their case.
 * The id is pseudonymous, never a name or national id number; every agency keys its records by it.
 */
@AboutVictim('id')
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person identified as a presumed victim of human trafficking.' })
@Entity('victim')
export class Victim {
  @Field(() => ID, { description: 'Pseudonymous id, the same in every agency.' })
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Category(DataCategory.IDENTITY)
  @Field(() => String, { nullable: true, description: 'Alias used in the case; not the legal name.' })
  @Column({ type: 'text' })
  alias!: string;

  @Category(DataCategory.IDENTITY)
  @Field(() => Int, { nullable: true })
  @Column({ name: 'birth_year', type: 'int' })
  birthYear!: number;

  @Category(DataCategory.IDENTITY)
  @Field(() => Gender, { nullable: true })
  @Column({ type: 'text' })
  gender!: Gender;

  @Category(DataCategory.IDENTITY)
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes.' })
  @Column({ type: 'text', array: true })
  nationalities!: string[];

  @Category(DataCategory.IDENTITY)
  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes of languages the person speaks.' })
  @Column({ type: 'text', array: true })
  languages!: string[];

  @Category(DataCategory.IDENTITY)
  @Field(() => Boolean, { nullable: true, description: 'Under 18: consent is then given by the guardian.' })
  @Column({ type: 'boolean' })
  minor!: boolean;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Region, { nullable: true })
  @Index('IDX_victim_region')
  @Column({ type: 'text' })
  region!: Region;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => [ExploitationForm], { nullable: true })
  @Column({ name: 'exploitation_forms', type: 'text', array: true })
  exploitationForms!: ExploitationForm[];

  @Category(DataCategory.CASE_STATUS)
  @Field(() => String, { nullable: true, description: 'Staff id of the assigned coordinator.' })
  @Column({ type: 'text' })
  coordinator!: string;

  /** Identification is exposed as `Victim.identification`. */
  @Index('IDX_victim_identified_at')
  @Column({ name: 'identified_at', type: 'timestamptz' })
  identifiedAt!: Date;

  @Column({ name: 'identifying_agency', type: 'text' })
  identifyingAgency!: Agency;

  @Column({ name: 'indicators_present', type: 'text', array: true })
  indicatorsPresent!: string[];

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
