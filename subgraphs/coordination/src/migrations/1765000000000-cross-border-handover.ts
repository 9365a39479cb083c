import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-border hand-over (docs/architecture.md#cross-border-hand-over): a consent may name a foreign counterpart
 * and a hand-over purpose; hand-overs keep their state, the signed package as sent and its digest, and the receipt.
 */
export class CrossBorderHandover1765000000000 implements MigrationInterface {
  name = 'CrossBorderHandover1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent_grant ADD COLUMN counterpart jsonb, ADD COLUMN handover_purpose text`);
    await q.query(`ALTER TABLE consent_grant ADD CONSTRAINT consent_grant_counterpart_check
      CHECK ((counterpart IS NULL) = (handover_purpose IS NULL))`);
    await q.query(`
      CREATE TABLE handover (
        id text PRIMARY KEY,
        victim_id text NOT NULL CONSTRAINT handover_victim_id_fkey REFERENCES victim (id),
        consent_id text NOT NULL CONSTRAINT handover_consent_id_fkey REFERENCES consent_grant (id),
        counterpart_kind text NOT NULL,
        counterpart_name text NOT NULL,
        counterpart_country text NOT NULL,
        purpose text NOT NULL,
        categories text[] NOT NULL,
        state text NOT NULL,
        prepared_at timestamptz NOT NULL,
        prepared_by text NOT NULL,
        sent_at timestamptz,
        digest text,
        signed_package text,
        withheld_fields text[] NOT NULL DEFAULT '{}',
        received_at timestamptz,
        receipt_reference text,
        withdrawn_at timestamptz
      )`);
    await q.query(`CREATE INDEX "IDX_handover_victim_id" ON handover (victim_id)`);
    await q.query(`CREATE INDEX "IDX_handover_consent_id" ON handover (consent_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE handover');
    await q.query('ALTER TABLE consent_grant DROP CONSTRAINT consent_grant_counterpart_check');
    await q.query('ALTER TABLE consent_grant DROP COLUMN counterpart, DROP COLUMN handover_purpose');
  }
}
