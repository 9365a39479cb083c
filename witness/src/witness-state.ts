import { type KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What the witness remembers, in its own folder (never in the log's database): the last head it cosigned. */
export interface WitnessState {
  size: number;
  /** base64 root of that head */
  root: string;
  /** the checkpoint with the log's signature and this witness's cosignature */
  note: string;
  /** refusals so far (each also logged as an alert) */
  refusals: number;
}

const EMPTY: WitnessState = { size: 0, root: '', note: '', refusals: 0 };

export class WitnessStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** The witness's own Ed25519 key, created on first start. */
  key(): KeyObject {
    const path = join(this.dir, 'witness.key.pem');
    if (!existsSync(path)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    }
    return createPrivateKey(readFileSync(path, 'utf8'));
  }

  read(): WitnessState {
    const path = join(this.dir, 'state.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as WitnessState) : { ...EMPTY };
  }

  /** Durable before the cosignature leaves: written to a temporary file, flushed, then renamed over the old. */
  write(state: WitnessState): void {
    const path = join(this.dir, 'state.json');
    const temporary = `${path}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  }

  writeVerifierKey(vkey: string): void {
    writeFileSync(join(this.dir, 'witness.vkey'), `${vkey}\n`);
  }
}
