/**
 * `npm run audit:verify`: re-computes the access log's hash chain and checks its signed checkpoints.
 * Exit 0 when intact; exit 1 naming the first record that no longer fits; exit 2 when it cannot check.
 */
import { loadServiceKeys } from '@hub/shared';
import { verifyChain } from '../chain/verify-chain';
import { exitWith, keysDir, openAuditDatabase } from './audit-database';

async function main(): Promise<number> {
  const dataSource = await openAuditDatabase();
  try {
    const keys = await loadServiceKeys(keysDir(), 'audit');
    const started = Date.now();
    const result = await verifyChain(dataSource, keys.trusted);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      console.log(`Access log intact: ${result.checkedRecords} records and ${result.checkpointsChecked} signed checkpoints verified in ${seconds} s.`);
      return 0;
    }
    console.error(`Access log ALTERED: record ${result.firstBadRecord} no longer fits (${result.reason}); ${result.checkedRecords} records before it are intact.`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => exitWith(code),
  (error: unknown) => {
    console.error(`Could not verify the access log: ${(error as Error).message}`);
    return exitWith(2);
  },
);
