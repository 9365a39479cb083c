import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JWK, type KeyObject, createLocalJWKSet, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWTVerifyGetKey } from 'jose';

/**
 * Keys of the hub's own services. Each service signs what it sends to another (the gateway signs hub
 * assertions; a subgraph signs its consent look-ups and support events) with its own Ed25519 key, and
 * every service trusts the public keys listed in `trusted.jwks.json` (kid = service name).
 *
 * Layout of `HUB_KEYS_DIR`: `<service>.private.jwk.json` for each service, `trusted.jwks.json`.
 * In a real deployment each service is given only its own private key and the trusted set.
 */
export const ALGORITHM = 'EdDSA';

export interface ServiceKeys {
  name: string;
  signingKey: KeyObject | Uint8Array;
  trusted: JWTVerifyGetKey;
}

const privatePath = (dir: string, name: string): string => join(dir, `${name}.private.jwk.json`);
const trustedPath = (dir: string): string => join(dir, 'trusted.jwks.json');

/** Creates any missing key pair in `dir` and rewrites the trusted set. Idempotent. */
export async function ensureServiceKeys(dir: string, names: readonly string[]): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const publicKeys: JWK[] = [];
  for (const name of names) {
    const path = privatePath(dir, name);
    if (!existsSync(path)) {
      const { privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), kid: name, alg: ALGORITHM };
      writeFileSync(path, JSON.stringify(jwk), { mode: 0o600 });
    }
    const { d: _private, ...publicJwk } = JSON.parse(readFileSync(path, 'utf8')) as JWK;
    publicKeys.push(publicJwk);
  }
  writeFileSync(trustedPath(dir), JSON.stringify({ keys: publicKeys }, null, 2));
}

export async function loadServiceKeys(dir: string, name: string): Promise<ServiceKeys> {
  const path = privatePath(dir, name);
  if (!existsSync(path)) {
    throw new Error(`No signing key for service "${name}" at ${path} (HUB_KEYS_DIR=${dir}).`);
  }
  const signingKey = await importJWK(JSON.parse(readFileSync(path, 'utf8')) as JWK, ALGORITHM);
  const trusted = createLocalJWKSet(JSON.parse(readFileSync(trustedPath(dir), 'utf8')));
  return { name, signingKey, trusted };
}
