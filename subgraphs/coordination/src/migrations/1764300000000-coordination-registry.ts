import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoordinationRegistry1764300000000 implements MigrationInterface {
  name = 'CoordinationRegistry1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE victim (
        id text PRIMARY KEY,
        alias text NOT NULL,
        birth_year int NOT NULL,
        gender text NOT NULL,
        nationalities text[] NOT NULL,
        languages text[] NOT NULL,
        minor boolean NOT NULL,
        region text NOT NULL,
        exploitation_forms text[] NOT NULL,
        coordinator text NOT NULL,
        identified_at timestamptz NOT NULL,
        identifying_agency text NOT NULL,
        indicators_present text[] NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_victim_region" ON victim (region)`);
    await q.query(`
      CREATE TABLE consent_grant (
        id text PRIMARY KEY,
        victim_id text NOT NULL REFERENCES victim (id),
        recipients text[] NOT NULL,
        categories text[] NOT NULL,
        purposes text[] NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        given_by text NOT NULL,
        form text NOT NULL,
        interpreter_language text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawn_by text,
        CHECK (valid_until > valid_from)
      )`);
    await q.query(`CREATE INDEX "IDX_consent_grant_victim_id" ON consent_grant (victim_id)`);
    await q.query(`
      CREATE TABLE support_event (
        id text PRIMARY KEY,
        victim_id text NOT NULL REFERENCES victim (id),
        at timestamptz NOT NULL,
        agency text NOT NULL,
        kind text NOT NULL,
        summary text NOT NULL,
        due_at timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_support_event_victim_id" ON support_event (victim_id)`);
    await q.query(`
      CREATE TABLE problem_report (
        id text PRIMARY KEY,
        victim_id text REFERENCES victim (id),
        reported_by_agency text NOT NULL,
        reporter text NOT NULL,
        region text NOT NULL,
        topic text NOT NULL,
        description text NOT NULL,
        reported_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`);
    await q.query(`CREATE INDEX "IDX_problem_report_victim_id" ON problem_report (victim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE problem_report`);
    await q.query(`DROP TABLE support_event`);
    await q.query(`DROP TABLE consent_grant`);
    await q.query(`DROP TABLE victim`);
  }
}
