import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChildWelfareRecords1764300000000 implements MigrationInterface {
  name = 'ChildWelfareRecords1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guardianship (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        guardian_name text NOT NULL,
        appointed_at timestamptz NOT NULL,
        ended_at timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX guardianship_victim_id_idx ON guardianship (victim_id)`);
    // At most one current guardian per minor.
    await q.query(`CREATE UNIQUE INDEX guardianship_current_key ON guardianship (victim_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE child_welfare_measure (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        kind text NOT NULL,
        decided_at timestamptz NOT NULL,
        ended_at timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX child_welfare_measure_victim_id_idx ON child_welfare_measure (victim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE child_welfare_measure`);
    await q.query(`DROP TABLE guardianship`);
  }
}
