import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Agency, Category, DataCategory, Purpose, Role, AboutVictim } from '@hub/shared';

/**
 * One record of the access log: a field access (what one request read and was refused about one victim
 * in one subgraph), an operation (the gateway's record of a request) or a review of an emergency access.
 * Records hold field names and categories, never values. Written only by the audit service's sequencer.
 */
@AboutVictim('victimId', 'AccessRecord')
@ObjectType('AccessRecord', { description: 'One record of the access log. It names fields and categories, never values.' })
@Entity('audit_record')
@Check('audit_record_kind_check', `kind IN ('FIELD_ACCESS', 'OPERATION', 'REVIEW')`)
@Index('audit_record_victim_idx', ['victimId', 'at'])
@Index('audit_record_request_idx', ['requestId'])
@Index('audit_record_review_idx', ['reviewRequired'], { where: 'review_required' })
@Index('audit_record_reviewed_idx', ['reviewedSeq'], { where: 'reviewed_seq IS NOT NULL' })
export class AuditRecord {
  @Field(() => ID, { description: 'Position in the log (leaf index + 1).' })
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Date, { nullable: true })
  @PrimaryColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at!: Date;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true, description: 'FIELD_ACCESS, OPERATION or REVIEW.' })
  @Column({ type: 'text' })
  kind!: string;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true, description: 'The x-request-id of the request.' })
  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, {
    nullable: true,
    description: 'The service that wrote the record (a subgraph, or the gateway), as its signature proves; `unverified` when it did not.',
  })
  @Column({ name: 'service', type: 'text' })
  subgraph!: string;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true, description: 'Staff id of the caller.' })
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Agency, { nullable: true })
  @Column({ name: 'actor_agency', type: 'text', nullable: true })
  actorAgency!: Agency | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Role, { nullable: true })
  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: Role | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Purpose, { nullable: true })
  @Column({ type: 'text', nullable: true })
  purpose!: Purpose | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  justification!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => ID, { nullable: true })
  @Column({ name: 'victim_id', type: 'text', nullable: true })
  victimId!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true, description: 'The types whose fields the record names, comma-separated.' })
  @Column({ name: 'type_name', type: 'text', nullable: true })
  typeName!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => [String], { nullable: true, description: 'Fields whose values were returned, as Type.field.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields!: string[];

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => [String], { nullable: true, description: 'Fields that were refused, as Type.field.' })
  @Column({ name: 'denied_fields', type: 'text', array: true, default: () => "'{}'" })
  deniedFields!: string[];

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => [DataCategory], { nullable: true })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories!: DataCategory[];

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true, description: 'ALLOW, DENY or PARTIAL.' })
  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => [String], { nullable: true, description: 'OWN_RECORDS, CONSENT:<id>, LEGAL_RULE:<rule>, EMERGENCY; DENIED:<code>.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  basis!: string[];

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Boolean, { nullable: true, description: 'An emergency access, waiting for review by audit staff.' })
  @Column({ name: 'review_required', type: 'boolean', default: false })
  reviewRequired!: boolean;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true })
  @Column({ name: 'operation_name', type: 'text', nullable: true })
  operationName!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true, description: 'SHA-256 of the operation document.' })
  @Column({ name: 'document_hash', type: 'text', nullable: true })
  documentHash!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => Int, { nullable: true })
  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs!: number | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => ID, { nullable: true, description: 'For a REVIEW: the record reviewed.' })
  @Column({ name: 'reviewed_seq', type: 'bigint', nullable: true })
  reviewedSeq!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true })
  @Column({ name: 'review_outcome', type: 'text', nullable: true })
  reviewOutcome!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true })
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote!: string | null;

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => [DataCategory], { nullable: true, description: 'Categories of the fields returned (not of those refused).' })
  @Column({ name: 'received_categories', type: 'text', array: true, default: () => "'{}'" })
  receivedCategories!: DataCategory[];

  @Category(DataCategory.ACCESS_LOG)
  @Field(() => String, { nullable: true, description: "RFC 9162 leaf hash (hex) of the record's canonical form: its leaf in the log's Merkle tree." })
  @Column({ type: 'text' })
  hash!: string;

  @Column({ type: 'text' })
  seal!: string;

  @Column({ name: 'writer_signature', type: 'text', nullable: true })
  writerSignature!: string | null;
}
