import { type KeyObject, createHash, createPublicKey, sign, verify } from 'node:crypto';

/**
 * Signed tree heads in the C2SP formats: a checkpoint (c2sp.org/tlog-checkpoint) is the note body
 * `<origin>\n<size>\n<base64 root>\n`, signed as a signed note (c2sp.org/signed-note, Ed25519, key ID =
 * SHA-256(name || "\n" || 0x01 || public key)[:4]); a witness adds a cosignature (c2sp.org/tlog-cosignature:
 * key ID with 0x04, signature over "cosignature/v1\ntime <t>\n" + body, prefixed by the 8-byte timestamp).
 */
export const LOG_ORIGIN = 'support-path-hub/access-log';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

export const checkpointBody = (c: Checkpoint): string => `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n`;

export function parseCheckpointBody(body: string): Checkpoint {
  const match = /^([^\n]+)\n(\d+)\n([A-Za-z0-9+/=]+)\n/.exec(body);
  if (!match) throw new Error('not a checkpoint');
  const root = Buffer.from(match[3]!, 'base64');
  if (root.length !== 32) throw new Error('a checkpoint root is 32 bytes');
  return { origin: match[1]!, size: Number(match[2]), root };
}

const rawPublicKey = (key: KeyObject): Buffer => {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
};

const keyId = (name: string, type: number, key: KeyObject): Buffer =>
  createHash('sha256').update(`${name}\n`).update(Buffer.of(type)).update(rawPublicKey(key)).digest().subarray(0, 4);

/** The vkey (c2sp.org/signed-note verifier key) of a key: `<name>+<hex key id>+<base64(type || key)>`. */
export const verifierKey = (name: string, type: 0x01 | 0x04, key: KeyObject): string =>
  `${name}+${keyId(name, type, key).toString('hex')}+${Buffer.concat([Buffer.of(type), rawPublicKey(key)]).toString('base64')}`;

export function parseVerifierKey(vkey: string): { name: string; type: number; key: KeyObject } {
  // <name>+<8 hex>+<base64>: the base64 may itself contain '+'.
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  const name = match?.[1];
  const bytes = Buffer.from(match?.[3] ?? '', 'base64');
  if (!name || bytes.length !== 33) throw new Error('not an Ed25519 verifier key');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(1).toString('base64url') }, format: 'jwk' });
  return { name, type: bytes[0]!, key };
}

/** A signed note: the body, an empty line, one `— <name> <base64>` line per signature. */
export interface SignedNote {
  body: string;
  signatures: { name: string; value: Buffer }[];
}

export const formatNote = (note: SignedNote): string =>
  `${note.body}\n${note.signatures.map((s) => `\u2014 ${s.name} ${s.value.toString('base64')}\n`).join('')}`;

export function parseNote(text: string): SignedNote {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new Error('not a signed note');
  const body = text.slice(0, split + 1);
  const signatures = text
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      if (!match) throw new Error('not a signature line');
      return { name: match[1]!, value: Buffer.from(match[2]!, 'base64') };
    });
  return { body, signatures };
}

/** The log's signature line over a checkpoint body. */
export function signCheckpoint(body: string, name: string, key: KeyObject): { name: string; value: Buffer } {
  return { name, value: Buffer.concat([keyId(name, 0x01, key), sign(null, Buffer.from(body), key)]) };
}

export function verifyCheckpointSignature(note: SignedNote, name: string, key: KeyObject): boolean {
  const id = keyId(name, 0x01, key);
  return note.signatures.some(
    (s) => s.name === name && s.value.length === 68 && s.value.subarray(0, 4).equals(id) && verify(null, Buffer.from(note.body), key, s.value.subarray(4)),
  );
}

const cosignedMessage = (body: string, time: number): Buffer => Buffer.from(`cosignature/v1\ntime ${time}\n${body}`);

/** A witness's cosignature line over a checkpoint body, at `time` (seconds since the epoch). */
export function cosign(body: string, name: string, key: KeyObject, time: number): { name: string; value: Buffer } {
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(time));
  return { name, value: Buffer.concat([keyId(name, 0x04, key), timestamp, sign(null, cosignedMessage(body, time), key)]) };
}

/** The time of a valid cosignature by `name`/`key` on the note, or null. */
export function verifyCosignature(note: SignedNote, name: string, key: KeyObject): number | null {
  const id = keyId(name, 0x04, key);
  for (const s of note.signatures) {
    if (s.name !== name || s.value.length !== 76 || !s.value.subarray(0, 4).equals(id)) continue;
    const time = Number(s.value.readBigUInt64BE(4));
    if (verify(null, cosignedMessage(note.body, time), key, s.value.subarray(12))) return time;
  }
  return null;
}
