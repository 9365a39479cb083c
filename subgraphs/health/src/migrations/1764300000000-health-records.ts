import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HealthRecords1764300000000 implements MigrationInterface {
  name = 'HealthRecords1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE health_summary (
        victim_id text PRIMARY KEY,
        has_gp boolean NOT NULL,
        assessment_done boolean NOT NULL,
        follow_up_needed boolean NOT NULL,
        last_contact_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE health_assessment (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        assessed_at timestamptz NOT NULL,
        clinician text NOT NULL,
        findings text[] NOT NULL,
        notes text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX health_assessment_victim_id_idx ON health_assessment (victim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE health_assessment`);
    await q.query(`DROP TABLE health_summary`);
  }
}
