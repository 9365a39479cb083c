import { Column, Entity, Generated, PrimaryColumn } from 'typeorm';
import type { HubCaller } from '../auth/hub-caller';

/** A row of an agency's support-event outbox (see SupportEventOutbox1764900000000); read and written with SQL. */
@Entity('support_event_outbox')
export class SupportEventOutboxEntry {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Generated('increment')
  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** Whose request wrote it: the relay delivers it under that caller and request id. */
  @Column({ type: 'jsonb' })
  caller!: HubCaller;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt!: Date | null;
}
