import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImmigrationRecords1764300000000 implements MigrationInterface {
  name = 'ImmigrationRecords1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // Not renewable: at most one reflection period per victim.
    await q.query(`
      CREATE TABLE reflection_period (
        id text PRIMARY KEY,
        victim_id text NOT NULL CONSTRAINT reflection_period_victim_id_key UNIQUE,
        granted_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE permit (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        type text NOT NULL,
        applied_at timestamptz NOT NULL,
        decision text NOT NULL,
        decided_at timestamptz,
        valid_from timestamptz,
        valid_until timestamptz
      )`);
    await q.query(`CREATE INDEX permit_victim_id_idx ON permit (victim_id)`);
    await q.query(`CREATE UNIQUE INDEX permit_one_pending_per_type ON permit (victim_id, type) WHERE decision = 'PENDING'`);
    await q.query(`
      CREATE TABLE voluntary_return (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        requested_at timestamptz NOT NULL,
        completed_at timestamptz,
        destination_country text NOT NULL
      )`);
    await q.query(`CREATE INDEX voluntary_return_victim_id_idx ON voluntary_return (victim_id)`);
    await q.query(`CREATE UNIQUE INDEX voluntary_return_one_open ON voluntary_return (victim_id) WHERE completed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE voluntary_return`);
    await q.query(`DROP TABLE permit`);
    await q.query(`DROP TABLE reflection_period`);
  }
}
