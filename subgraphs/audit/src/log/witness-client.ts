import type { DataSource } from 'typeorm';
import { type Logger, type Metrics, serviceFetch } from '@hub/shared';
import { consistencyProof } from '@hub/shared/src/audit/transparency/merkle';
import { formatNote, parseNote } from '@hub/shared/src/audit/transparency/signed-note';
import type { SignedHead } from './sequencer';
import { storedNodes } from './tree-store';

/**
 * Hands each new tree head to the witness (C2SP tlog-witness: `POST /add-checkpoint` with the size the witness
 * last cosigned and a consistency proof from it) and stores the cosignature it returns. A 409 tells the size the
 * witness holds; the next head is sent with a proof from there. A refusal (the witness found the heads
 * inconsistent, or the signature wrong) is an alert: the log may have been forked or rewritten.
 */
export class WitnessClient {
  private witnessSize: number | null = null;
  private busy = false;

  constructor(
    private readonly url: string,
    private readonly dataSource: DataSource,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  async submit(head: SignedHead): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const old = this.witnessSize ?? 0;
        if (old > head.size) return;
        const proof = old === 0 ? [] : await consistencyProof(storedNodes(this.dataSource), old, head.size);
        const body = `old ${old}\n${proof.map((p) => `${p.toString('base64')}\n`).join('')}\n${head.note}`;
        const response = await serviceFetch(`${this.url}/add-checkpoint`, { method: 'POST', body, timeoutMs: 3000 });
        const text = await response.text();
        if (response.status === 409) {
          this.witnessSize = Number(text.trim());
          continue;
        }
        if (!response.ok) {
          this.metrics.increment('hub_witness_refusals_total');
          this.log.error({ status: response.status, size: head.size, answer: text.slice(0, 200) }, 'ALERT: the witness refused to cosign a tree head');
          return;
        }
        const note = parseNote(head.note);
        const cosigned = formatNote({ body: note.body, signatures: [...note.signatures, ...parseNote(`${note.body}\n${text}`).signatures] });
        const witness = parseNote(`${note.body}\n${text}`).signatures[0]?.name ?? 'witness';
        await this.dataSource.query(
          `INSERT INTO audit_head_cosignature (size, witness, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [head.size, witness, cosigned],
        );
        this.witnessSize = head.size;
        this.metrics.increment('hub_tree_heads_cosigned_total');
        return;
      }
    } catch (error) {
      this.log.warn({ err: error }, 'the witness could not be reached; the next head will be sent again');
    } finally {
      this.busy = false;
    }
  }
}
