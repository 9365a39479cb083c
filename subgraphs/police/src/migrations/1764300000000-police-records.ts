import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PoliceRecords1764300000000 implements MigrationInterface {
  name = 'PoliceRecords1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE investigation (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        case_number text NOT NULL CONSTRAINT investigation_case_number_key UNIQUE,
        district text NOT NULL,
        offences text[] NOT NULL,
        status text NOT NULL,
        reported_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL,
        charged_at timestamptz,
        verdict_at timestamptz,
        closed_at timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX investigation_victim_id_idx ON investigation (victim_id)`);
    await q.query(`
      CREATE TABLE cooperation (
        victim_id text PRIMARY KEY,
        since timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE testimony (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        investigation_id text NOT NULL REFERENCES investigation (id),
        court text NOT NULL,
        given_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX testimony_victim_id_idx ON testimony (victim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE testimony`);
    await q.query(`DROP TABLE cooperation`);
    await q.query(`DROP TABLE investigation`);
  }
}
