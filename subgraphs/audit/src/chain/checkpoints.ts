import { CompactSign } from 'jose';
import type { DataSource } from 'typeorm';
import type { Logger, ServiceKeys } from '@hub/shared';

/**
 * Signs the chain head with the audit service's key (kept outside the database) when it has moved since
 * the last checkpoint. Someone who rewrites the log and every hash after it still cannot forge these.
 */
export async function signCheckpoint(dataSource: DataSource, keys: ServiceKeys): Promise<{ seq: string } | null> {
  return dataSource.transaction(async (tx) => {
    const [head] = (await tx.query(`SELECT seq::text AS seq, hash FROM audit_chain_head WHERE id = 1 FOR SHARE`)) as {
      seq: string;
      hash: string;
    }[];
    if (!head || head.seq === '0') return null;
    const [last] = (await tx.query(`SELECT max(seq)::text AS seq FROM audit_checkpoint`)) as { seq: string | null }[];
    if (last?.seq === head.seq) return null;
    const signature = await new CompactSign(new TextEncoder().encode(JSON.stringify({ seq: head.seq, hash: head.hash })))
      .setProtectedHeader({ alg: 'EdDSA', kid: keys.name })
      .sign(keys.signingKey);
    await tx.query(`INSERT INTO audit_checkpoint (seq, hash, signature) VALUES ($1, $2, $3)`, [head.seq, head.hash, signature]);
    return { seq: head.seq };
  });
}

/** Checkpoints every `seconds`, and keeps next month's partition ready. */
export function startChainMaintenance(dataSource: DataSource, keys: ServiceKeys, log: Logger, seconds: number): () => void {
  const tick = async () => {
    try {
      await dataSource.query(`SELECT audit_ensure_month_partition((now() + interval '1 month')::date)`);
      const checkpoint = await signCheckpoint(dataSource, keys);
      if (checkpoint) log.debug({ seq: checkpoint.seq }, 'audit checkpoint signed');
    } catch (error) {
      log.warn({ err: error }, 'audit chain maintenance failed; retrying');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
