import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The agency kit's rights-information table, in the database of every agency that handles cases. */
export class RightsInformation1765200000000 implements MigrationInterface {
  name = 'RightsInformation1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rights_information (
        id text PRIMARY KEY,
        victim_id text NOT NULL,
        agency text NOT NULL,
        rights text[] NOT NULL,
        language text NOT NULL,
        interpreter boolean NOT NULL,
        informed_by text NOT NULL,
        informed_by_role text NOT NULL,
        informed_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rights_information_rights_check CHECK (cardinality(rights) > 0),
        CONSTRAINT rights_information_language_check CHECK (language ~ '^[a-z]{2}$')
      )`);
    await q.query('CREATE INDEX rights_information_victim_id_idx ON rights_information (victim_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rights_information');
  }
}
