/**
 * `node -r @swc-node/register shared/src/local/keygen-cli.ts <dir>` creates the signing key of every hub
 * service (the gateway and each subgraph) in `<dir>` (default: `HUB_KEYS_DIR`) and writes the trusted set.
 * Idempotent: existing keys are kept. (A deployment's keys, with its passwords: `npm run deploy-secrets`.)
 */
import { resolve } from 'node:path';
import { ensureServiceKeys } from '../auth/service-keys';
import { subgraphNames } from '../config/services';

async function main(): Promise<void> {
  const target = process.argv[2] ?? process.env.HUB_KEYS_DIR;
  if (!target) {
    console.error('usage: keygen-cli.ts <keys directory>   (or set HUB_KEYS_DIR)');
    process.exit(2);
  }
  const dir = resolve(target);
  const names = ['gateway', ...subgraphNames];
  await ensureServiceKeys(dir, names);
  console.log(`service keys ready in ${dir}: ${names.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(`could not create the service keys: ${(error as Error).message}`);
  process.exit(1);
});
