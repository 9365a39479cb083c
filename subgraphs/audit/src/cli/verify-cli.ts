/**
 * `npm run audit:verify [-- --incremental]`: verifies the access log in the database as a transparency log, against
 * every signed head and the witness's newest cosigned head.
 * `npm run audit:verify -- --export <file> --heads <file>`: verifies an export with no database at all.
 * Exit 0 when intact; exit 1 naming the first record that no longer fits; exit 2 when it cannot check.
 * `--state <file>` (with --incremental) keeps the last verified witnessed head between runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readExport } from '../log/export-file';
import { type LogVerifierKeys, logVerifierKeys } from '../log/log-keys';
import { verifyLogDatabase } from '../log/verify-database';
import { type LogVerification, trustedHeads, verifyRecords } from '../log/verify-log';
import { exitWith, keysDir, openAuditDatabase, witnessConfig } from './audit-database';

async function offline(keys: LogVerifierKeys, exportFile: string, headsFile: string): Promise<LogVerification> {
  const { heads: notes } = JSON.parse(readFileSync(headsFile, 'utf8')) as { heads: string[] };
  const { heads, problem } = trustedHeads(notes, keys);
  const { start, records } = await readExport(exportFile);
  const result = await verifyRecords({ records, heads, start, archived: [], node: null, keys, endsAtHead: start.size > 0 });
  return result.ok && problem ? { ...result, ok: false, reason: problem } : !result.ok && problem && !result.firstBadRecord ? { ...result, reason: problem } : result;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { export: { type: 'string' }, heads: { type: 'string' }, incremental: { type: 'boolean' }, state: { type: 'string' } },
  });
  const witness = witnessConfig();
  const keys = logVerifierKeys(keysDir(), witness.vkey);
  const started = Date.now();
  let result: LogVerification & { mode?: string };
  if (values.export || values.heads) {
    if (!values.export || !values.heads) throw new Error('--export and --heads go together');
    result = await offline(keys, values.export, values.heads);
  } else {
    const state = values.state && existsSync(values.state) ? (JSON.parse(readFileSync(values.state, 'utf8')) as { size: number; root: string }) : null;
    const dataSource = await openAuditDatabase();
    try {
      const verified = await verifyLogDatabase(dataSource, keys, witness.url, {
        since: values.incremental && state ? { size: state.size, root: Buffer.from(state.root, 'hex') } : null,
      });
      if (verified.ok && verified.witnessedHead && values.state) {
        writeFileSync(values.state, JSON.stringify({ size: verified.witnessedHead.size, root: verified.witnessedHead.root.toString('hex') }));
      }
      result = verified;
    } finally {
      await dataSource.destroy();
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    console.log(
      `Access log intact: ${result.checkedRecords} records checked (${result.mode ?? 'OFFLINE'}), tree of ${result.treeSize} records ` +
        `(${result.archivedRecords} archived), ${result.checkpointsChecked} signed heads matched, witnessed up to ${result.witnessedSize}, in ${seconds} s.`,
    );
    return 0;
  }
  if (result.firstBadRecord) {
    console.error(`Access log ALTERED: record ${result.firstBadRecord} no longer fits (${result.reason}); ${result.checkedRecords} records before it are intact.`);
  } else {
    console.error(`Access log NOT VERIFIED: ${result.reason}; ${result.checkedRecords} records checked.`);
  }
  return 1;
}

main().then(
  (code) => exitWith(code),
  (error: unknown) => {
    console.error(`Could not verify the access log: ${(error as Error).message}`);
    return exitWith(2);
  },
);
