import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LabourInspectionRecords1765000000000 implements MigrationInterface {
  name = 'LabourInspectionRecords1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workplace_inspection (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        employer text NOT NULL,
        organisation_number text NOT NULL,
        sector text NOT NULL,
        municipality text NOT NULL,
        inspected_at timestamptz NOT NULL,
        indicators_found text[] NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX workplace_inspection_victim_id_idx ON workplace_inspection (victim_id)`);
    await q.query(`
      CREATE TABLE sanction (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        inspection_id text NOT NULL REFERENCES workplace_inspection (id),
        kind text NOT NULL,
        amount_nok integer,
        imposed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sanction_victim_id_idx ON sanction (victim_id)`);
    await q.query(`
      CREATE TABLE police_referral (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        inspection_id text NOT NULL CONSTRAINT police_referral_inspection_id_key UNIQUE REFERENCES workplace_inspection (id),
        police_district text NOT NULL,
        referred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX police_referral_victim_id_idx ON police_referral (victim_id)`);
    await q.query(`
      CREATE TABLE back_pay_claim (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        inspection_id text REFERENCES workplace_inspection (id),
        kind text NOT NULL,
        claimed_nok integer NOT NULL,
        filed_at timestamptz NOT NULL,
        status text NOT NULL,
        decided_at timestamptz,
        awarded_nok integer
      )`);
    await q.query(`CREATE INDEX back_pay_claim_victim_id_idx ON back_pay_claim (victim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE back_pay_claim`);
    await q.query(`DROP TABLE police_referral`);
    await q.query(`DROP TABLE sanction`);
    await q.query(`DROP TABLE workplace_inspection`);
  }
}
