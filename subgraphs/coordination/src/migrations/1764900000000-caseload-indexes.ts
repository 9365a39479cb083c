import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the caseload is paged and scoped by (issue 10): identification date for the keyset order, and a
 * victim's events by kind for the support-path conditions and the consent look-up's investigation fact.
 */
export class CaseloadIndexes1764900000000 implements MigrationInterface {
  name = 'CaseloadIndexes1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_victim_identified_at" ON victim (identified_at)`);
    await q.query(`CREATE INDEX "IDX_support_event_victim_kind" ON support_event (victim_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_support_event_victim_kind"`);
    await q.query(`DROP INDEX "IDX_victim_identified_at"`);
  }
}
