import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consent keeps when it was given as well as when it was recorded (issue 8, point 10). Consents recorded
 * before this change were given, at the latest, when they took effect or were recorded.
 */
export class ConsentGivenAt1764950000000 implements MigrationInterface {
  name = 'ConsentGivenAt1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent_grant ADD COLUMN given_at timestamptz`);
    await q.query(`UPDATE consent_grant SET given_at = LEAST(valid_from, recorded_at)`);
    await q.query(`ALTER TABLE consent_grant ALTER COLUMN given_at SET NOT NULL`);
    await q.query(`ALTER TABLE consent_grant ADD CONSTRAINT consent_grant_given_check CHECK (given_at <= recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent_grant DROP CONSTRAINT consent_grant_given_check`);
    await q.query(`ALTER TABLE consent_grant DROP COLUMN given_at`);
  }
}
