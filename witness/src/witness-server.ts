import type { KeyObject } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Logger } from '@hub/shared';
import { WITNESS_STATUS_PATH } from '@hub/shared/src/config/services';
import { keepSocketsAlive } from '@hub/shared/src/process/keep-alive';
import { verifyConsistency } from '@hub/shared/src/audit/transparency/merkle';
import {
  cosign,
  formatNote,
  parseCheckpointBody,
  parseNote,
  verifyCheckpointSignature,
} from '@hub/shared/src/audit/transparency/signed-note';
import type { WitnessStore } from './witness-state';

export interface WitnessOptions {
  name: string;
  key: KeyObject;
  /** This witness's verifier key (c2sp.org/signed-note), published at `GET /vkey`. */
  vkey: string;
  log: { origin: string; signer: string; key: KeyObject };
  store: WitnessStore;
  logger: Logger;
}

const MAX_BODY = 64 * 1024;

/**
 * The witness's HTTP API (C2SP tlog-witness): `POST /add-checkpoint` with `old <size>`, the consistency proof
 * (one base64 hash a line), an empty line and the signed checkpoint. It answers 200 with its cosignature line
 * only when the log's signature checks and the proof shows the new head extends the last one it cosigned;
 * 409 with its size when `old` is not that size (or a head of the same size has another root); 403 for a bad
 * signature; 422 for a proof that does not check. Every refusal other than a stale `old` is an alert.
 * `GET /checkpoint` gives the last cosigned checkpoint to anyone who verifies the log.
 */
export function createWitnessServer(options: WitnessOptions): Server {
  const { store, logger } = options;
  let queue: Promise<unknown> = Promise.resolve();
  const alert = (reason: string, details: Record<string, unknown>) => {
    const state = store.read();
    store.write({ ...state, refusals: state.refusals + 1 });
    logger.error({ ...details, reason }, `ALERT: refused to cosign: ${reason}`);
  };
  const answer = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };

  const addCheckpoint = (text: string, res: ServerResponse) => {
    const split = text.indexOf('\n\n');
    const header = split >= 0 ? text.slice(0, split).split('\n') : [];
    const oldMatch = /^old (\d+)$/.exec(header[0] ?? '');
    if (!oldMatch) return answer(res, 400, 'expected "old <size>", the proof, an empty line and the checkpoint\n');
    const old = Number(oldMatch[1]);
    const proof = header.slice(1).map((line) => Buffer.from(line, 'base64'));
    let note;
    let checkpoint;
    try {
      note = parseNote(text.slice(split + 2));
      checkpoint = parseCheckpointBody(note.body);
    } catch {
      return answer(res, 400, 'not a checkpoint\n');
    }
    if (checkpoint.origin !== options.log.origin) return answer(res, 404, 'unknown log\n');
    if (!verifyCheckpointSignature(note, options.log.signer, options.log.key)) {
      alert('the checkpoint is not signed by the log', { size: checkpoint.size });
      return answer(res, 403, 'the log signature does not check\n');
    }
    const state = store.read();
    if (old !== state.size) return answer(res, 409, `${state.size}\n`, 'text/x.tlog.size');
    if (checkpoint.size < old) return answer(res, 400, 'the checkpoint is older than old\n');
    const previousRoot = Buffer.from(state.root, 'base64');
    if (old > 0 && checkpoint.size === old && !checkpoint.root.equals(previousRoot)) {
      alert(`fork: a second head of size ${old} with another root`, { size: old });
      return answer(res, 409, `${state.size}\n`, 'text/x.tlog.size');
    }
    if (old > 0 && checkpoint.size > old && !verifyConsistency(old, checkpoint.size, previousRoot, checkpoint.root, proof)) {
      alert(`the head of size ${checkpoint.size} is not consistent with the head of size ${old} cosigned before`, { old, size: checkpoint.size });
      return answer(res, 422, 'the consistency proof does not check\n');
    }
    const line = cosign(note.body, options.name, options.key, Math.floor(Date.now() / 1000));
    const cosigned = formatNote({ body: note.body, signatures: [...note.signatures.filter((s) => s.name !== options.name), line] });
    store.write({ size: checkpoint.size, root: checkpoint.root.toString('base64'), note: cosigned, refusals: state.refusals });
    return answer(res, 200, `\u2014 ${line.name} ${line.value.toString('base64')}\n`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/checkpoint') {
      const state = store.read();
      return state.size === 0 ? answer(res, 404, 'nothing cosigned yet\n') : answer(res, 200, state.note);
    }
    if (req.method === 'GET' && req.url === '/vkey') return answer(res, 200, `${options.vkey}\n`);
    if (req.method === 'GET' && req.url === WITNESS_STATUS_PATH) {
      const { size, refusals } = store.read();
      return answer(res, 200, JSON.stringify({ size, refusals }), 'application/json');
    }
    if (req.method === 'POST' && req.url === '/add-checkpoint') {
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of req) {
        length += (chunk as Buffer).length;
        if (length > MAX_BODY) return answer(res, 413, 'too large\n');
        chunks.push(chunk as Buffer);
      }
      // One checkpoint at a time: the check and the write of the state must not interleave.
      const done = queue.then(() => addCheckpoint(Buffer.concat(chunks).toString('utf8'), res));
      queue = done.catch(() => undefined);
      return done;
    }
    return answer(res, 404, 'not found\n');
  };

  return keepSocketsAlive(
    createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        logger.error({ err: error }, 'witness request failed');
        if (!res.headersSent) answer(res, 500, 'internal error\n');
      });
    }),
  );
}
