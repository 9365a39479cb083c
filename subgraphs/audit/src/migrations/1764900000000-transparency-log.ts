import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log becomes a transparency log (RFC 9162): records are the leaves of a Merkle tree whose signed
 * heads a witness cosigns. The hash chain and its single head row (a row lock taken by every insert of every
 * service) go away:
 * - Services insert into `audit_pending` (role `hub_audit_writer`: insert only, payload columns only, each row
 *   signed with the writing service's key). Inserts share no lock; the bigserial only orders them.
 * - The audit service's sequencer moves pending rows, in batches and in order, into `audit_record`, giving each a
 *   leaf index (`seq`, from 0... stored from 1), the writer its signature proves, the review flag, the leaf hash
 *   and its own seal (a signature over the leaf hash); it stores the tree's perfect subtrees in `audit_tree_node`
 *   and each signed head in `audit_tree_head`, and the witness's cosignatures in `audit_head_cosignature`.
 * - Records of the hash-chain era are moved to `audit_pending` and integrated as unverified (they carry no
 *   writer signature).
 */
export class TransparencyLog1764900000000 implements MigrationInterface {
  name = 'TransparencyLog1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_pending (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        kind text NOT NULL CHECK (kind IN ('FIELD_ACCESS', 'OPERATION', 'REVIEW')),
        request_id text NOT NULL,
        writer text NOT NULL,
        writer_signature text,
        actor text, actor_agency text, actor_role text, purpose text, justification text, victim_id text, type_name text,
        fields text[] NOT NULL DEFAULT '{}',
        denied_fields text[] NOT NULL DEFAULT '{}',
        categories text[] NOT NULL DEFAULT '{}',
        received_categories text[] NOT NULL DEFAULT '{}',
        decision text,
        basis text[] NOT NULL DEFAULT '{}',
        operation_name text, document_hash text, outcome text, duration_ms integer,
        reviewed_seq bigint, review_outcome text, review_note text
      )`);
    await q.query(`ALTER TABLE audit_record DISABLE TRIGGER USER`);
    await q.query(`
      INSERT INTO audit_pending (at, kind, request_id, writer, actor, actor_agency, actor_role, purpose, justification, victim_id,
                                 type_name, fields, denied_fields, categories, decision, basis, operation_name, document_hash,
                                 outcome, duration_ms, reviewed_seq, review_outcome, review_note)
      SELECT at, kind, request_id, service, actor, actor_agency, actor_role, purpose, justification, victim_id, type_name, fields,
             denied_fields, categories, decision, basis, operation_name, document_hash, outcome, duration_ms, reviewed_seq,
             review_outcome, review_note
        FROM audit_record ORDER BY seq`);
    await q.query(`DELETE FROM audit_record`);
    await q.query(`DROP TRIGGER audit_record_chain ON audit_record`);
    await q.query(`ALTER TABLE audit_record ENABLE TRIGGER USER`);
    await q.query(`DROP FUNCTION audit_record_chain()`);
    await q.query(`DROP FUNCTION audit_record_canonical(audit_record)`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TABLE audit_checkpoint`);
    await q.query(`ALTER TABLE audit_record DROP COLUMN prev_hash`);
    await q.query(`ALTER TABLE audit_record ADD COLUMN received_categories text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE audit_record ADD COLUMN writer_signature text`);
    await q.query(`ALTER TABLE audit_record ADD COLUMN seal text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE audit_record ALTER COLUMN seal DROP DEFAULT`);
    await q.query(`
      CREATE TABLE audit_tree_node (level smallint NOT NULL, idx bigint NOT NULL, hash bytea NOT NULL, PRIMARY KEY (level, idx))`);
    await q.query(`
      CREATE TABLE audit_tree_head (
        size bigint PRIMARY KEY,
        root bytea NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        checkpoint text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit_head_cosignature (
        size bigint NOT NULL REFERENCES audit_tree_head (size),
        witness text NOT NULL,
        note text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (size, witness)
      )`);
    // Months archived with `npm run audit:archive`: their records left the database (detached partition, kept as
    // an export); verification takes their part of the tree from the stored subtrees.
    await q.query(`
      CREATE TABLE audit_archive (
        first_seq bigint PRIMARY KEY,
        last_seq bigint NOT NULL,
        partition text NOT NULL,
        export_sha256 text NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const table of ['audit_tree_node', 'audit_tree_head', 'audit_head_cosignature', 'audit_archive']) {
      await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_record_refuse()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse()`);
    }
    // Pending rows leave only by the sequencer's DELETE (the audit service's own role); nobody updates them.
    await q.query(`CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending FOR EACH ROW EXECUTE FUNCTION audit_record_refuse()`);
    await q.query(`REVOKE ALL ON audit_pending, audit_tree_node, audit_tree_head, audit_head_cosignature, audit_archive FROM PUBLIC`);
    await q.query(`REVOKE INSERT ON audit_record FROM hub_audit_writer`);
    await q.query(`GRANT INSERT (kind, request_id, writer, writer_signature, actor, actor_agency, actor_role, purpose, justification,
      victim_id, type_name, fields, denied_fields, categories, received_categories, decision, basis, operation_name,
      document_hash, outcome, duration_ms) ON audit_pending TO hub_audit_writer`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_pending_id_seq TO hub_audit_writer`);
  }

  /**
   * Back to the shape the hash-chain migration left, without its records: integrated records are not re-chained
   * (restore a backup to go back with data). Enough for that migration's own `down` to remove everything.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_archive, audit_head_cosignature, audit_tree_head, audit_tree_node, audit_pending`);
    await q.query(`ALTER TABLE audit_record DISABLE TRIGGER USER`);
    await q.query(`DELETE FROM audit_record`);
    await q.query(`ALTER TABLE audit_record ENABLE TRIGGER USER`);
    await q.query(`ALTER TABLE audit_record DROP COLUMN received_categories, DROP COLUMN writer_signature, DROP COLUMN seal`);
    await q.query(`ALTER TABLE audit_record ADD COLUMN prev_hash text NOT NULL`);
    await q.query(`CREATE TABLE audit_chain_head (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL)`);
    await q.query(`INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64))`);
    await q.query(`CREATE TABLE audit_checkpoint (seq bigint PRIMARY KEY, hash text NOT NULL, signed_at timestamptz NOT NULL DEFAULT now(), signature text NOT NULL)`);
    await q.query(`CREATE FUNCTION audit_record_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`);
  }
}
