import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per victim, the support-path milestones the caseload filters on (issue 10): kept by triggers on every change to
 * support_event, so that a stage or alert condition reads one row per victim instead of probing their events.
 * Written by the database itself, never by the service. `latest` means by time, then by id (as support-path.ts).
 */
const RECOMPUTE = `
  INSERT INTO victim_milestones AS m (victim_id, returned_at, permanent_at, permit_at, permit_due, reflection_at, reflection_due,
                                      guardian, health_assessed, placed_at, over_capacity_at, investigation)
  SELECT a.victim_id,
         min(e.at) FILTER (WHERE e.kind = 'RETURN_COMPLETED'),
         min(e.at) FILTER (WHERE e.kind = 'PERMANENT_PERMIT_GRANTED'),
         max(e.at) FILTER (WHERE e.kind = 'TEMPORARY_PERMIT_GRANTED'),
         (array_agg(e.due_at ORDER BY e.at DESC, e.id ASC) FILTER (WHERE e.kind = 'TEMPORARY_PERMIT_GRANTED'))[1],
         max(e.at) FILTER (WHERE e.kind = 'REFLECTION_PERIOD_GRANTED'),
         (array_agg(e.due_at ORDER BY e.at DESC, e.id ASC) FILTER (WHERE e.kind = 'REFLECTION_PERIOD_GRANTED'))[1],
         COALESCE(bool_or(e.kind = 'GUARDIAN_APPOINTED'), FALSE),
         COALESCE(bool_or(e.kind = 'HEALTH_ASSESSMENT'), FALSE),
         max(e.at) FILTER (WHERE e.kind = 'SHELTER_PLACEMENT'),
         max(e.at) FILTER (WHERE e.kind = 'SHELTER_OVER_CAPACITY'),
         COALESCE(bool_or(e.kind = 'INVESTIGATION_OPENED'), FALSE)
    FROM (SELECT DISTINCT victim_id FROM changed) a
    LEFT JOIN support_event e ON e.victim_id = a.victim_id
   GROUP BY a.victim_id
  ON CONFLICT (victim_id) DO UPDATE SET
    returned_at = EXCLUDED.returned_at, permanent_at = EXCLUDED.permanent_at, permit_at = EXCLUDED.permit_at,
    permit_due = EXCLUDED.permit_due, reflection_at = EXCLUDED.reflection_at, reflection_due = EXCLUDED.reflection_due,
    guardian = EXCLUDED.guardian, health_assessed = EXCLUDED.health_assessed, placed_at = EXCLUDED.placed_at,
    over_capacity_at = EXCLUDED.over_capacity_at, investigation = EXCLUDED.investigation`;

export class VictimMilestones1764900000001 implements MigrationInterface {
  name = 'VictimMilestones1764900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE victim_milestones (
        victim_id text PRIMARY KEY REFERENCES victim (id) ON DELETE CASCADE,
        returned_at timestamptz, permanent_at timestamptz, permit_at timestamptz, permit_due timestamptz,
        reflection_at timestamptz, reflection_due timestamptz,
        guardian boolean NOT NULL, health_assessed boolean NOT NULL,
        placed_at timestamptz, over_capacity_at timestamptz, investigation boolean NOT NULL
      )`);
    for (const [name, table] of [['inserted', 'NEW'], ['deleted', 'OLD']] as const) {
      await q.query(`
        CREATE FUNCTION victim_milestones_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          WITH changed AS (SELECT victim_id FROM ${name}_events) ${RECOMPUTE};
          RETURN NULL;
        END $$`);
      const events = name === 'inserted' ? 'INSERT' : 'DELETE';
      await q.query(`
        CREATE TRIGGER victim_milestones_${name} AFTER ${events} ON support_event
        REFERENCING ${table} TABLE AS ${name}_events FOR EACH STATEMENT EXECUTE FUNCTION victim_milestones_${name}()`);
    }
    await q.query(`
      CREATE FUNCTION victim_milestones_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH changed AS (SELECT victim_id FROM old_events UNION SELECT victim_id FROM new_events) ${RECOMPUTE};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER victim_milestones_updated AFTER UPDATE ON support_event
      REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION victim_milestones_updated()`);
    await q.query(`WITH changed AS (SELECT victim_id FROM support_event) ${RECOMPUTE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['inserted', 'deleted', 'updated']) {
      await q.query(`DROP TRIGGER victim_milestones_${name} ON support_event`);
      await q.query(`DROP FUNCTION victim_milestones_${name}()`);
    }
    await q.query(`DROP TABLE victim_milestones`);
  }
}
