/**
 * `npm run audit:archive -- --partition audit_record_YYYY_MM --out <file> --heads-out <file>`: archives one month.
 * The whole log must verify first; the month's records must be one seq range with a signed head at each end (the
 * sequencer never lets a batch span two months). The month is exported (records and the tree before them), its
 * range is registered in `audit_archive` (with the export's SHA-256), and the partition is detached. Verification
 * of the rest then takes the month's part of the tree from the stored subtrees; the export is checked offline
 * with `npm run audit:verify -- --export <file> --heads <file>` against the heads at its boundaries.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeArguments } from '@hub/shared/src/process/node-arguments';
import { logVerifierKeys } from '../log/log-keys';
import { verifyLogDatabase } from '../log/verify-database';
import { exitWith, keysDir, openAuditDatabase, witnessConfig } from './audit-database';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { partition: { type: 'string' }, out: { type: 'string' }, 'heads-out': { type: 'string' } } });
  const partition = values.partition ?? '';
  if (!/^audit_record_[a-z0-9_]+$/.test(partition) || !values.out || !values['heads-out']) {
    throw new Error('--partition audit_record_<month>, --out <file> and --heads-out <file> are required');
  }
  const witness = witnessConfig();
  const dataSource = await openAuditDatabase();
  try {
    const verified = await verifyLogDatabase(dataSource, logVerifierKeys(keysDir(), witness.vkey), witness.url);
    if (!verified.ok) throw new Error(`the log does not verify (${verified.reason}): nothing archived`);
    const [range] = (await dataSource.query(`SELECT min(seq)::text AS first, max(seq)::text AS last, count(*)::text AS n FROM ${partition}`)) as {
      first: string | null;
      last: string | null;
      n: string;
    }[];
    if (!range?.first || !range.last) throw new Error(`${partition} holds no records`);
    const [first, last] = [Number(range.first), Number(range.last)];
    if (Number(range.n) !== last - first + 1) throw new Error(`${partition} is not one seq range`);
    const [others] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_record r WHERE r.seq BETWEEN $1 AND $2 AND r.tableoid <> $3::regclass`,
      [first, last, partition],
    )) as { n: number }[];
    if (others!.n > 0) throw new Error(`records of other partitions lie between ${first} and ${last}`);
    const heads = (await dataSource.query(`SELECT size::text AS size FROM audit_tree_head WHERE size = ANY($1::bigint[])`, [[first - 1, last]])) as {
      size: string;
    }[];
    if (heads.length !== (first === 1 ? 1 : 2)) throw new Error(`no signed heads at both ends (${first - 1} and ${last}) of the month`);
    const exported = spawnSync(
      process.execPath,
      // export-cli beside this file: its source through the loader, or compiled (in the image) as it is.
      nodeArguments(join(__dirname, `export-cli${extname(__filename)}`), ['--partition', partition, '--out', values.out, '--heads-out', values['heads-out']]),
      { stdio: 'inherit', env: process.env },
    );
    if (exported.status !== 0) throw new Error('the export failed: nothing archived');
    const digest = createHash('sha256').update(readFileSync(values.out)).digest('hex');
    await dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO audit_archive (first_seq, last_seq, partition, export_sha256) VALUES ($1, $2, $3, $4)`, [first, last, partition, digest]);
      await tx.query(`ALTER TABLE audit_record DETACH PARTITION ${partition}`);
    });
    console.log(`Archived records ${first}–${last} (${partition}) to ${values.out} (SHA-256 ${digest}); the partition is detached.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => exitWith(code),
  (error: unknown) => {
    console.error(`Could not archive: ${(error as Error).message}`);
    return exitWith(2);
  },
);
