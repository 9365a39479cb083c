import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Agency, Category, DataCategory, SupportEventKind, AboutVictim } from '@hub/shared';
import { Victim } from './victim';

/**
 * A dated milestone an agency contributed to a victim's support path. Summaries are coarse by
 * contract: never a shelter, an address or a clinical finding.
 */
@AboutVictim('victimId')
@ObjectType({ description: 'A dated event on the support path, contributed by one agency.' })
@Entity('support_event')
@Index('IDX_support_event_victim_kind', ['victimId', 'kind'])
export class SupportEvent {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('IDX_support_event_victim_id')
  @ForeignKey(() => Victim, { name: 'support_event_victim_id_fkey' })
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Agency)
  @Column({ type: 'text' })
  agency!: Agency;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => SupportEventKind)
  @Column({ type: 'text' })
  kind!: SupportEventKind;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => String)
  @Column({ type: 'text' })
  summary!: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
