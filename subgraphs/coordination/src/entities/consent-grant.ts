import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Agency, Category, CounterpartKind, DataCategory, type ForeignCounterpart, HandoverPurpose, Purpose, AboutVictim } from '@hub/shared';
import { Victim } from './victim';

export enum ConsentGiver {
  VICTIM = 'VICTIM',
  GUARDIAN = 'GUARDIAN',
}
export enum ConsentForm {
  WRITTEN = 'WRITTEN',
  ORAL_WITH_INTERPRETER = 'ORAL_WITH_INTERPRETER',
}
registerEnumType(ConsentGiver, { name: 'ConsentGiver', description: 'Who gave a consent: the victim, or the guardian of a minor.' });
registerEnumType(ConsentForm, { name: 'ConsentForm', description: 'How a consent was given.' });

/** A consent letting named agencies read named categories for named purposes, for a period. */
@AboutVictim('victimId')
@ObjectType({ description: "A victim's consent to share named categories with named agencies for named purposes." })
@Entity('consent_grant')
@Check('consent_grant_check', 'valid_until > valid_from')
@Check('consent_grant_given_check', 'given_at <= recorded_at')
@Check('consent_grant_counterpart_check', '(counterpart IS NULL) = (handover_purpose IS NULL)')
export class ConsentGrant {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('IDX_consent_grant_victim_id')
  @ForeignKey(() => Victim, { name: 'consent_grant_victim_id_fkey' })
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.CONSENT)
  @Field(() => [Agency], { nullable: true })
  @Column({ type: 'text', array: true })
  recipients!: Agency[];

  @Category(DataCategory.CONSENT)
  @Field(() => [DataCategory], { nullable: true })
  @Column({ type: 'text', array: true })
  categories!: DataCategory[];

  @Category(DataCategory.CONSENT)
  @Field(() => [Purpose], { nullable: true })
  @Column({ type: 'text', array: true })
  purposes!: Purpose[];

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil!: Date;

  @Category(DataCategory.CONSENT)
  @Field(() => ConsentGiver, { nullable: true })
  @Column({ name: 'given_by', type: 'text' })
  givenBy!: ConsentGiver;

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true, description: 'When the victim or guardian gave the consent; recordedAt says when it was recorded.' })
  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt!: Date;

  @Category(DataCategory.CONSENT)
  @Field(() => ConsentForm, { nullable: true })
  @Column({ type: 'text' })
  form!: ConsentForm;

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true, description: 'ISO 639-1 language of the interpreter, for oral consent.' })
  @Column({ name: 'interpreter_language', type: 'text', nullable: true })
  interpreterLanguage!: string | null;

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true, description: 'Staff id of whoever recorded the consent.' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy!: string | null;

  /** A consent to a cross-border hand-over names a foreign counterpart (and no agency); null for every other. */
  @Column({ type: 'jsonb', nullable: true })
  counterpart!: ForeignCounterpart | null;

  @Category(DataCategory.CONSENT)
  @Field(() => HandoverPurpose, { nullable: true, description: 'For a consent to a cross-border hand-over: what it is for.' })
  @Column({ name: 'handover_purpose', type: 'text', nullable: true })
  handoverPurpose!: HandoverPurpose | null;

  @Category(DataCategory.CONSENT)
  @Field(() => CounterpartKind, { nullable: true, description: 'For a consent to a cross-border hand-over: the kind of foreign counterpart.' })
  get counterpartKind(): CounterpartKind | null {
    return this.counterpart?.kind ?? null;
  }

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true, description: 'For a consent to a cross-border hand-over: the named foreign counterpart.' })
  get counterpartName(): string | null {
    return this.counterpart?.name ?? null;
  }

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true, description: "For a consent to a cross-border hand-over: the counterpart's country (ISO 3166-1 alpha-2)." })
  get counterpartCountry(): string | null {
    return this.counterpart?.country ?? null;
  }
}
