import { randomBytes } from 'node:crypto';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { HubCaller } from '../auth/hub-caller';
import type { NewSupportEvent } from '../subgraph/coordination-client';

/**
 * Support events leave an agency through an outbox in its own database (docs/architecture.md, "Support
 * path"): written in the transaction of the record they are about, delivered to coordination after the
 * commit. A rolled-back write leaves no milestone; coordination being down loses none.
 */
export class SupportEventOutbox1764900000000 implements MigrationInterface {
  name = 'SupportEventOutbox1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE support_event_outbox (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        victim_id text NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        summary text NOT NULL,
        due_at timestamptz,
        caller jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        delivered_at timestamptz,
        rejected_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE support_event_outbox');
  }
}

export interface OutboxRow {
  id: string;
  victim_id: string;
  kind: string;
  at: Date;
  summary: string;
  due_at: Date | null;
  caller: HubCaller;
}

/** The id coordination stores the event under: delivering twice records it once. */
export const newSupportEventId = (): string => `ev-${randomBytes(6).toString('hex')}`;

/** Queues a support event in the caller's transaction; returns its id. */
export async function enqueueSupportEvent(tx: EntityManager, caller: HubCaller, event: NewSupportEvent): Promise<string> {
  const id = newSupportEventId();
  await tx.query(
    `INSERT INTO support_event_outbox (id, victim_id, kind, at, summary, due_at, caller) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, event.victimId, event.kind, event.at, event.summary, event.dueAt, JSON.stringify(caller)],
  );
  return id;
}
