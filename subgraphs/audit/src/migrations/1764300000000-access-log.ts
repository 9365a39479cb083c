import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log: one hash-chained, insert-only, month-partitioned table.
 * - Services write through the role `hub_audit_writer`, which may INSERT the payload columns only;
 *   `seq`, `at`, `prev_hash` and `hash` are set by the database.
 * - A trigger chains every record to the one before under a row lock on the chain head, so concurrent
 *   writers never fork the chain; other triggers refuse UPDATE, DELETE and TRUNCATE, for every role.
 */
export class AccessLog1764300000000 implements MigrationInterface {
  name = 'AccessLog1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_audit_writer') THEN CREATE ROLE hub_audit_writer NOLOGIN; END IF;
    END $$`);
    await q.query(`
      CREATE TABLE audit_record (
        seq bigint NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        kind text NOT NULL CHECK (kind IN ('FIELD_ACCESS', 'OPERATION', 'REVIEW')),
        request_id text NOT NULL,
        service text NOT NULL,
        actor text,
        actor_agency text,
        actor_role text,
        purpose text,
        justification text,
        victim_id text,
        type_name text,
        fields text[] NOT NULL DEFAULT '{}',
        denied_fields text[] NOT NULL DEFAULT '{}',
        categories text[] NOT NULL DEFAULT '{}',
        decision text,
        basis text[] NOT NULL DEFAULT '{}',
        review_required boolean NOT NULL DEFAULT false,
        operation_name text,
        document_hash text,
        outcome text,
        duration_ms integer,
        reviewed_seq bigint,
        review_outcome text,
        review_note text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (seq, at)
      ) PARTITION BY RANGE (at)`);
    await q.query(`CREATE TABLE audit_record_default PARTITION OF audit_record DEFAULT`);
    await q.query(`CREATE INDEX audit_record_victim_idx ON audit_record (victim_id, at)`);
    await q.query(`CREATE INDEX audit_record_request_idx ON audit_record (request_id)`);
    await q.query(`CREATE INDEX audit_record_review_idx ON audit_record (review_required) WHERE review_required`);
    await q.query(`CREATE INDEX audit_record_reviewed_idx ON audit_record (reviewed_seq) WHERE reviewed_seq IS NOT NULL`);
    await q.query(`CREATE TABLE audit_chain_head (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL)`);
    await q.query(`INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64))`);
    await q.query(`
      CREATE TABLE audit_checkpoint (
        seq bigint PRIMARY KEY,
        hash text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        signature text NOT NULL
      )`);
    // What the hash covers: every column but the hash itself, in a fixed text form.
    await q.query(`
      CREATE FUNCTION audit_record_canonical(r audit_record) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws(chr(31),
          r.seq::text, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.kind, r.request_id, r.service,
          coalesce(r.actor, ''), coalesce(r.actor_agency, ''), coalesce(r.actor_role, ''), coalesce(r.purpose, ''),
          coalesce(r.justification, ''), coalesce(r.victim_id, ''), coalesce(r.type_name, ''),
          array_to_string(r.fields, ','), array_to_string(r.denied_fields, ','), array_to_string(r.categories, ','),
          coalesce(r.decision, ''), array_to_string(r.basis, ','), r.review_required::text,
          coalesce(r.operation_name, ''), coalesce(r.document_hash, ''), coalesce(r.outcome, ''),
          coalesce(r.duration_ms::text, ''), coalesce(r.reviewed_seq::text, ''), coalesce(r.review_outcome, ''),
          coalesce(r.review_note, ''), r.prev_hash)
      $$`);
    await q.query(`
      CREATE FUNCTION audit_record_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE head audit_chain_head;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := encode(sha256(convert_to(audit_record_canonical(NEW), 'UTF8')), 'hex');
        UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_record_chain BEFORE INSERT ON audit_record FOR EACH ROW EXECUTE FUNCTION audit_record_chain()`);
    await q.query(`
      CREATE FUNCTION audit_record_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the access log is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_record_no_update BEFORE UPDATE OR DELETE ON audit_record FOR EACH ROW EXECUTE FUNCTION audit_record_refuse()`);
    await q.query(`CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse()`);
    await q.query(`CREATE TRIGGER audit_record_default_no_truncate BEFORE TRUNCATE ON audit_record_default FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse()`);
    await q.query(`CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_record_refuse()`);
    await q.query(`CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse()`);
    // A month's partition, with its own TRUNCATE guard (statement triggers are not inherited).
    await q.query(`
      CREATE FUNCTION audit_ensure_month_partition(month date) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        start_at date := date_trunc('month', month)::date;
        name text := 'audit_record_' || to_char(start_at, 'YYYY_MM');
      BEGIN
        IF to_regclass(name) IS NOT NULL THEN RETURN; END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_record FOR VALUES FROM (%L) TO (%L)',
                       name, start_at, (start_at + interval '1 month')::date);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse()',
                       name || '_no_truncate', name);
      END $$`);
    await q.query(`SELECT audit_ensure_month_partition(now()::date)`);
    await q.query(`SELECT audit_ensure_month_partition((now() + interval '1 month')::date)`);
    await q.query(`REVOKE ALL ON audit_record, audit_chain_head, audit_checkpoint FROM PUBLIC`);
    await q.query(`GRANT INSERT (kind, request_id, service, actor, actor_agency, actor_role, purpose, justification,
      victim_id, type_name, fields, denied_fields, categories, decision, basis, review_required,
      operation_name, document_hash, outcome, duration_ms) ON audit_record TO hub_audit_writer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_ensure_month_partition(date)`);
    // Dropping the table takes its row type and audit_record_canonical(audit_record) with it.
    await q.query(`DROP TABLE audit_record CASCADE`);
    await q.query(`DROP TABLE audit_checkpoint`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP FUNCTION audit_record_chain()`);
    await q.query(`DROP FUNCTION audit_record_refuse()`);
  }
}
