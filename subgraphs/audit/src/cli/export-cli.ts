/**
 * `npm run audit:export -- [--from <ISO date>] [--to <ISO date>] [--out <file>]`: the access log as NDJSON,
 * one record per line, oldest first, with its hash, so that an export can be checked against the chain.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { exitWith, openAuditDatabase } from './audit-database';

const BATCH = 2000;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
  const from = values.from ? new Date(values.from) : new Date(0);
  const to = values.to ? new Date(values.to) : new Date('9999-12-31T00:00:00Z');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    throw new Error('--from and --to are ISO dates, from before to');
  }
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  const dataSource = await openAuditDatabase();
  let exported = 0;
  try {
    let after = '0';
    for (;;) {
      const rows = (await dataSource.query(
        `SELECT seq::text AS seq, at, kind, request_id AS "requestId", service AS subgraph, actor, actor_agency AS "actorAgency",
                actor_role AS "actorRole", purpose, justification, victim_id AS "victimId", type_name AS "typeName", fields,
                denied_fields AS "deniedFields", categories, decision, basis, review_required AS "reviewRequired",
                operation_name AS "operationName", document_hash AS "documentHash", outcome, duration_ms AS "durationMs",
                reviewed_seq::text AS "reviewedSeq", review_outcome AS "reviewOutcome", review_note AS "reviewNote",
                prev_hash AS "prevHash", hash
           FROM audit_record r WHERE r.at >= $1 AND r.at < $2 AND r.seq > $3 ORDER BY r.seq LIMIT ${BATCH}`,
        [from, to, after],
      )) as { seq: string }[];
      for (const row of rows) {
        if (!out.write(`${JSON.stringify(row)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      exported += rows.length;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.seq;
      process.stderr.write(`exported ${exported} records …\r`);
    }
  } finally {
    await dataSource.destroy();
  }
  process.stderr.write(`exported ${exported} records from ${from.toISOString()} to ${to.toISOString()}\n`);
  if (values.out) await new Promise<void>((resolve) => out.end(() => resolve()));
}

main().then(
  () => exitWith(0),
  (error: unknown) => {
    console.error(`Could not export the access log: ${(error as Error).message}`);
    return exitWith(2);
  },
);
