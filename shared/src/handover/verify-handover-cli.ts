/**
 * `npm run -s verify-handover -- <package.jws> [trusted.jwks.json]` checks a hand-over package offline: its
 * signature against the hub's trusted keys (default: `$HUB_KEYS_DIR/trusted.jwks.json`, or `.data/keys/`). Prints
 * the digest, the counterpart and the fields per part, never the values; exit 0 when it verifies, 1 when not.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JWK } from 'jose';
import { verifyHandoverPackage } from './handover-package';

async function main(): Promise<void> {
  const [file, jwksFile] = process.argv.slice(2);
  if (!file) {
    console.error('usage: verify-handover-cli.ts <package.jws> [trusted.jwks.json]');
    process.exit(2);
  }
  const trustedPath = resolve(jwksFile ?? join(process.env.HUB_KEYS_DIR ?? '.data/keys', 'trusted.jwks.json'));
  const trusted = JSON.parse(readFileSync(trustedPath, 'utf8')) as { keys: JWK[] };
  const result = await verifyHandoverPackage(readFileSync(resolve(file), 'utf8'), trusted);
  if (!result.ok) {
    console.error(`NOT VERIFIED: ${result.reason}`);
    process.exit(1);
  }
  const p = result.package;
  console.log(`verified: hand-over ${p.handoverId}, signed by ${result.kid}, ${result.digest}`);
  console.log(`to ${p.counterpart.kind} "${p.counterpart.name}" (${p.counterpart.country}) for ${p.purpose}, consent ${p.consentId}`);
  for (const part of p.parts) {
    console.log(`  ${part.subgraph}: released ${part.released.join(', ') || 'nothing'}${part.withheld.length ? `; withheld ${part.withheld.map((w) => `${w.field} (${w.code})`).join(', ')}` : ''}`);
  }
}

main().catch((error: unknown) => {
  console.error(`could not verify: ${(error as Error).message}`);
  process.exit(1);
});
