import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SocialServicesRecords1764300000000 implements MigrationInterface {
  name = 'SocialServicesRecords1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shelter (
        id text PRIMARY KEY,
        name text NOT NULL,
        address text NOT NULL,
        region text NOT NULL,
        capacity integer NOT NULL,
        accepts text[] NOT NULL,
        long_term boolean NOT NULL,
        CONSTRAINT shelter_capacity_check CHECK (capacity >= 1)
      )`);
    await q.query(`
      CREATE TABLE placement (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        shelter_id text NOT NULL CONSTRAINT placement_shelter_id_fkey REFERENCES shelter (id),
        placed_from timestamptz NOT NULL,
        placed_until timestamptz,
        CONSTRAINT placement_period_check CHECK (placed_until IS NULL OR placed_until >= placed_from)
      )`);
    await q.query(`CREATE INDEX placement_victim_id_idx ON placement (victim_id)`);
    await q.query(`CREATE INDEX placement_shelter_id_idx ON placement (shelter_id)`);
    await q.query(`
      CREATE TABLE assistance_measure (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        kind text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT assistance_measure_period_check CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await q.query(`CREATE INDEX assistance_measure_victim_id_idx ON assistance_measure (victim_id)`);
    await q.query(`
      CREATE TABLE assistance_decision (
        victim_id text PRIMARY KEY,
        accepted boolean NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assistance_decision`);
    await q.query(`DROP TABLE assistance_measure`);
    await q.query(`DROP TABLE placement`);
    await q.query(`DROP TABLE shelter`);
  }
}
