import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { announceListening, createLogger, handleShutdown } from '@hub/shared';
import { trustedPublicKeys } from '@hub/shared/src/audit/record-form';
import { WITNESS_DEFAULT_NAME } from '@hub/shared/src/config/services';
import { LOG_ORIGIN, verifierKey } from '@hub/shared/src/audit/transparency/signed-note';
import { createWitnessServer } from './witness-server';
import { WitnessStore } from './witness-state';

/**
 * The witness: its own key (`HUB_WITNESS_KEY_FILE`, else made on first start in its state folder) and its own
 * state in `HUB_WITNESS_DIR`; it trusts the log's public key (the audit
 * service's, from `HUB_KEYS_DIR/trusted.jwks.json`) and nothing else of the hub.
 */
const log = createLogger('witness');
const name = process.env.HUB_WITNESS_NAME ?? WITNESS_DEFAULT_NAME;
const store = new WitnessStore(process.env.HUB_WITNESS_DIR ?? join(process.cwd(), '.data', 'witness'));
const key = process.env.HUB_WITNESS_KEY_FILE ? createPrivateKey(readFileSync(process.env.HUB_WITNESS_KEY_FILE, 'utf8')) : store.key();
const vkey = verifierKey(name, 0x04, key);
store.writeVerifierKey(vkey);
const logKey = trustedPublicKeys(process.env.HUB_KEYS_DIR ?? join(process.cwd(), '.data', 'keys')).get('audit');
if (!logKey) throw new Error('no public key of the audit service to check checkpoints with');
const server = createWitnessServer({ name, key, vkey, log: { origin: LOG_ORIGIN, signer: 'audit', key: logKey }, store, logger: log });
const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 4008), host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : Number(process.env.PORT);
  const url = `http://${host}:${port}`;
  log.info({ url, port, vkey }, 'listening');
  announceListening(url, port);
});
handleShutdown(log, () => new Promise<void>((resolve) => server.close(() => resolve())));
