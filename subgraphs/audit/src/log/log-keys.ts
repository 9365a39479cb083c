import type { KeyObject } from 'node:crypto';
import { trustedPublicKeys } from '@hub/shared/src/audit/record-form';
import { parseVerifierKey } from '@hub/shared/src/audit/transparency/signed-note';

/** The audit service's name as signer of tree heads and seals: its service key (kid `audit`). */
export const LOG_SIGNER = 'audit';

/** What checking the log needs: the public keys of every writer (the audit service's included) and the witness's. */
export interface LogVerifierKeys {
  writers: Map<string, KeyObject>;
  log: KeyObject;
  witness: { name: string; key: KeyObject } | null;
}

export function logVerifierKeys(keysDir: string, witnessVkey: string | undefined): LogVerifierKeys {
  const writers = trustedPublicKeys(keysDir);
  const log = writers.get(LOG_SIGNER);
  if (!log) throw new Error(`no public key of the audit service in ${keysDir}`);
  const witness = witnessVkey ? parseVerifierKey(witnessVkey) : null;
  return { writers, log, witness: witness && { name: witness.name, key: witness.key } };
}
