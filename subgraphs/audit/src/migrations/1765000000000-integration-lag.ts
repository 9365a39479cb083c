import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pushback (as Tessera's): writers ask how far the sequencer is behind before they append, and wait while it is
 * behind by more than the log's bound (see `AuditWriter`). `audit_integration_lag_ms()` is the age of the oldest
 * pending record — one number, never a record: the writer role still cannot read `audit_pending`. It runs as the
 * log's owner (SECURITY DEFINER, fixed search path) and only the writer role may call it.
 */
export class IntegrationLag1765000000000 implements MigrationInterface {
  name = 'IntegrationLag1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_integration_lag_ms() RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
          SELECT COALESCE((SELECT greatest(0, extract(epoch FROM clock_timestamp() - p.at) * 1000)::integer
                             FROM public.audit_pending p ORDER BY p.id LIMIT 1), 0)
        $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_integration_lag_ms() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_integration_lag_ms() TO hub_audit_writer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_integration_lag_ms()`);
  }
}
