import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Whether a victim accepted the assistance offered, and when they decided (the latest decision counts). */
@Entity('assistance_decision')
export class AssistanceDecision {
  @PrimaryColumn({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Column({ type: 'boolean' })
  accepted!: boolean;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
