/**
 * `npm run deploy-secrets`: writes every secret file docker-compose.yml names (deployment.ts, `allSecrets`) under
 * `secrets/`: a random password per database role and superuser, each signing service's private key with the
 * trusted set of public keys, and the witness's key with its verifier key, which the audit service pins. Idempotent: files already there are kept (the trusted set is rewritten from the
 * keys). Git and docker ignore the folder. The folder is 0700; the files in it are world-readable, because compose
 * mounts them unchanged (bind mounts keep the host's owner and mode) into containers that run as other users.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { verifierKey } from '../audit/transparency/signed-note';
import { ensureServiceKeys } from '../auth/service-keys';
import { WITNESS_DEFAULT_NAME } from '../config/services';
import { HOST_SECRETS_DIR, allSecrets, secrets, signingServices } from './deployment';

/** Writes the missing secret files under `<root>/secrets`; returns the paths of those it wrote. */
export async function writeDeploymentSecrets(root: string): Promise<string[]> {
  const dir = join(root, HOST_SECRETS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const all = allSecrets();
  const missing = all.filter((s) => !existsSync(join(root, s.hostFile))).map((s) => s.hostFile);
  await ensureServiceKeys(dirname(join(root, secrets.trustedKeys.hostFile)), signingServices());
  for (const secret of all) {
    const path = join(root, secret.hostFile);
    if (secret.kind === 'password' && !existsSync(path)) writeFileSync(path, randomBytes(24).toString('base64url'));
    if (secret.kind === 'witness-key' && !existsSync(path)) {
      writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    }
    if (secret.kind === 'witness-vkey') {
      // Always from the witness's key file, so that the pin cannot drift from the key.
      const key = createPrivateKey(readFileSync(join(root, secrets.witnessKey.hostFile), 'utf8'));
      writeFileSync(path, `${verifierKey(WITNESS_DEFAULT_NAME, 0x04, key)}\n`);
    }
    if (!existsSync(path)) throw new Error(`${secret.hostFile} is named in docker-compose.yml but was not written`);
    chmodSync(path, 0o644);
  }
  return missing;
}

if (require.main === module) {
  writeDeploymentSecrets(join(__dirname, '../../..')).then(
    (written) => console.log(written.length > 0 ? `wrote ${written.join(', ')}` : `every secret is already in ${HOST_SECRETS_DIR}/`),
    (error: unknown) => {
      console.error(`could not write the secrets: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
