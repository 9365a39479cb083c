import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AboutVictim, Category, CounterpartKind, DataCategory, HandoverPurpose, HandoverState } from '@hub/shared';
import { ConsentGrant } from './consent-grant';
import { Victim } from './victim';

registerEnumType(CounterpartKind, { name: 'CounterpartKind', description: 'Who abroad receives a cross-border hand-over.' });
registerEnumType(HandoverPurpose, { name: 'HandoverPurpose', description: 'What a cross-border hand-over is for.' });
registerEnumType(HandoverState, {
  name: 'HandoverState',
  description: 'PREPARED → SENT (signed package stored) → RECEIVED (receipt recorded); WITHDRAWN when its consent is withdrawn before it is sent.',
});

/**
 * A cross-border hand-over of a victim's data to a named foreign counterpart, under the victim's consent
 * (docs/architecture.md#cross-border-hand-over). The package is produced and signed when it is sent.
 */
@AboutVictim('victimId')
@ObjectType({ description: 'A hand-over of the categories a consent names to a named foreign counterpart.' })
@Entity('handover')
export class Handover {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('IDX_handover_victim_id')
  @ForeignKey(() => Victim, { name: 'handover_victim_id_fkey' })
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.CONSENT)
  @Field(() => ID, { nullable: true, description: 'The consent that names the counterpart, the purpose and the categories.' })
  @Index('IDX_handover_consent_id')
  @ForeignKey(() => ConsentGrant, { name: 'handover_consent_id_fkey' })
  @Column({ name: 'consent_id', type: 'text' })
  consentId!: string;

  @Category(DataCategory.CONSENT)
  @Field(() => CounterpartKind, { nullable: true })
  @Column({ name: 'counterpart_kind', type: 'text' })
  counterpartKind!: CounterpartKind;

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true })
  @Column({ name: 'counterpart_name', type: 'text' })
  counterpartName!: string;

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  @Column({ name: 'counterpart_country', type: 'text' })
  counterpartCountry!: string;

  @Category(DataCategory.CONSENT)
  @Field(() => HandoverPurpose, { nullable: true })
  @Column({ type: 'text' })
  purpose!: HandoverPurpose;

  @Category(DataCategory.CONSENT)
  @Field(() => [DataCategory], { nullable: true, description: 'The categories the consent names: what the package may hold.' })
  @Column({ type: 'text', array: true })
  categories!: DataCategory[];

  @Category(DataCategory.CONSENT)
  @Field(() => HandoverState, { nullable: true })
  @Column({ type: 'text' })
  state!: HandoverState;

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'prepared_at', type: 'timestamptz' })
  preparedAt!: Date;

  @Column({ name: 'prepared_by', type: 'text' })
  preparedBy!: string;

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true, description: 'SHA-256 of the signed payload (`sha256:<hex>`): what the receipt acknowledges.' })
  @Column({ type: 'text', nullable: true })
  digest!: string | null;

  /** The compact JWS as sent; read through `Handover.signedPackage` (its own rule). */
  @Column({ name: 'signed_package', type: 'text', nullable: true })
  signedPackageJws!: string | null;

  @Category(DataCategory.CONSENT)
  @Field(() => [String], { nullable: true, description: 'Fields (`Type.field`) an owning subgraph did not release; named, never their values.' })
  @Column({ name: 'withheld_fields', type: 'text', array: true, default: () => "'{}'" })
  withheldFields!: string[];

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Category(DataCategory.CONSENT)
  @Field(() => String, { nullable: true, description: "The counterpart's receipt reference." })
  @Column({ name: 'receipt_reference', type: 'text', nullable: true })
  receiptReference!: string | null;

  @Category(DataCategory.CONSENT)
  @Field(() => Date, { nullable: true })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}
