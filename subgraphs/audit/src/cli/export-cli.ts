/**
 * `npm run audit:export -- [--from <ISO date>] [--to <ISO date>] [--partition <table>] [--out <file>] [--heads-out <file>]`:
 * the access log as NDJSON, oldest first, each record with every canonical column (`at` in microseconds), its
 * leaf hash, seal and writer signature, so that `npm run audit:verify -- --export <file> --heads <file>` can
 * re-hash it with no database. An export that does not start at record 1 begins with the tree before it.
 * `--heads-out` writes the signed heads (with cosignatures) and the witness's newest checkpoint.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CompactRange } from '@hub/shared/src/audit/transparency/merkle';
import { frontierLine } from '../log/export-file';
import { STORED_RECORD_COLUMNS, type StoredRecord } from '../log/record-query';
import { storedNodes } from '../log/tree-store';
import { witnessCheckpoint } from '../log/verify-database';
import { exitWith, openAuditDatabase, witnessConfig } from './audit-database';

const BATCH = 2000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' }, to: { type: 'string' }, partition: { type: 'string' }, out: { type: 'string' }, 'heads-out': { type: 'string' },
    },
  });
  const from = values.from ? new Date(values.from) : new Date(0);
  const to = values.to ? new Date(values.to) : new Date('9999-12-31T00:00:00Z');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw new Error('--from and --to are ISO dates, from before to');
  if (values.partition && !/^audit_record_[a-z0-9_]+$/.test(values.partition)) throw new Error('--partition names an audit_record partition');
  const table = values.partition ?? 'audit_record';
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  const dataSource = await openAuditDatabase();
  let exported = 0;
  try {
    await dataSource.transaction('REPEATABLE READ', async (tx) => {
      let after = '0';
      for (;;) {
        const rows = (await tx.query(
          `SELECT ${STORED_RECORD_COLUMNS} FROM ${table} r WHERE r.at >= $1 AND r.at < $2 AND r.seq > $3 ORDER BY r.seq LIMIT ${BATCH}`,
          [from, to, after],
        )) as StoredRecord[];
        if (exported === 0 && rows[0] && rows[0].seq !== '1') {
          await write(JSON.stringify(frontierLine(await CompactRange.load(storedNodes(tx), Number(rows[0].seq) - 1))));
        }
        for (const row of rows) await write(JSON.stringify(row));
        exported += rows.length;
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1]!.seq;
        process.stderr.write(`exported ${exported} records …\r`);
      }
      if (values['heads-out']) {
        const notes = (await tx.query(
          `SELECT coalesce(c.note, h.checkpoint) AS note FROM audit_tree_head h LEFT JOIN audit_head_cosignature c USING (size) ORDER BY h.size`,
        )) as { note: string }[];
        const witness = witnessConfig().url;
        const latest = witness ? await witnessCheckpoint(witness).catch(() => null) : null;
        writeFileSync(values['heads-out'], JSON.stringify({ heads: [...notes.map((n) => n.note), ...(latest ? [latest] : [])] }, null, 2));
      }
    });
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
