/**
 * `npm run bench:log [-- --seconds 5 --writers 16 --batch 5]`: how fast services can append to the access log
 * and how soon what they append is in a signed (and a witnessed) tree head. Starts a hub without demo data on
 * free ports, runs `writers` concurrent loops of `AuditWriter.writeFieldAccess` (each call one request's
 * records about `batch` victims, signed by one of the hub's services, as in production) for `seconds`, then
 * measures in the database, per record, the time from its durable insert to the first signed head that covers
 * it, and to the first witness-cosigned one. The writers go as fast as they can, so the log is overloaded: the
 * figures are the rate it sustains and the delay pushback keeps within the 2 s bound. Bounded: a few seconds of
 * load, then everything is stopped. Then prints the sizes of inclusion and consistency proofs in logs of 10³ and 10⁶ records (a few seconds more).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { AuditWriter, type HubCaller, DEFAULT_PUSHBACK, INTEGRATION_BOUND_MS, Metrics, createLogger, subgraphNames } from '@hub/shared';
import { launchHub } from '@hub/shared/src/local/launch-hub';
import { proofSizes } from '@hub/shared/src/audit/transparency/proof-sizes';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, writers: { type: 'string' }, batch: { type: 'string' } } });
  const seconds = Math.min(Number(values.seconds ?? 5), 30);
  const writers = Number(values.writers ?? 16);
  const batch = Number(values.batch ?? 5);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-log-'));
  const hub = await launchHub({ dataDir, ports: 'free', demo: null, env: { LOG_LEVEL: 'warn' }, onLog: () => undefined });
  const log = createLogger('bench');
  const secret = readFileSync(join(hub.keysDir, 'audit-writer.secret'), 'utf8').trim();
  const writerUrl = `postgres://hub_audit_writer:${encodeURIComponent(secret)}@127.0.0.1:${hub.postgres!.port}/hub_audit`;
  process.env.HUB_KEYS_DIR = hub.keysDir;
  const services = subgraphNames.filter((n) => n !== 'audit');
  const metrics = new Metrics();
  const pool = services.map((name) => new AuditWriter(writerUrl, name, log, metrics));
  try {
    let written = 0;
    let calls = 0;
    const started = Date.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const writer = pool[w % pool.length]!;
        for (let i = 0; Date.now() < until; i += 1) {
          const caller = {
            requestId: `bench-${w}-${i}`, sub: `bench-${w}`, agency: 'COORDINATION', role: 'COORDINATOR', purpose: 'CASE_COORDINATION',
            regions: [], justification: null,
          } as unknown as HubCaller;
          await writer.writeFieldAccess(
            caller,
            Array.from({ length: batch }, (_, v) => ({
              victimId: `v-${(i * batch + v) % 300}`, typeName: 'Victim', fields: ['Victim.alias', 'Victim.region'], deniedFields: [],
              categories: ['IDENTITY', 'CASE_STATUS'], receivedCategories: ['IDENTITY', 'CASE_STATUS'], bases: ['OWN_RECORDS'], denialCodes: [],
              review: false,
            })) as never,
          );
          written += batch;
          calls += 1;
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    const db = new Client({ connectionString: `postgres://hub:hub-local-only@127.0.0.1:${hub.postgres!.port}/hub_audit` });
    await db.connect();
    try {
      // Wait (bounded) until the witness has cosigned everything written.
      for (const t = Date.now(); Date.now() - t < 15_000; ) {
        const { rows } = await db.query<{ pending: number; witnessed: string | null; size: string | null }>(
          `SELECT (SELECT count(*)::int FROM audit_pending) AS pending, (SELECT max(size)::text FROM audit_head_cosignature) AS witnessed,
                  (SELECT max(seq)::text FROM audit_record) AS size`,
        );
        if (rows[0]!.pending === 0 && rows[0]!.witnessed === rows[0]!.size) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { rows } = await db.query<Record<string, string>>(
        `WITH d AS (
           SELECT extract(epoch FROM (SELECT h.signed_at FROM audit_tree_head h WHERE h.size >= r.seq ORDER BY h.size LIMIT 1) - r.at) * 1000 AS signed_ms,
                  extract(epoch FROM (SELECT c.received_at FROM audit_head_cosignature c WHERE c.size >= r.seq ORDER BY c.size LIMIT 1) - r.at) * 1000 AS witnessed_ms
             FROM audit_record r WHERE r.request_id LIKE 'bench-%')
         SELECT count(*)::text AS records,
                round(percentile_cont(0.5) WITHIN GROUP (ORDER BY signed_ms))::text AS signed_p50,
                round(percentile_cont(0.99) WITHIN GROUP (ORDER BY signed_ms))::text AS signed_p99,
                round(max(signed_ms))::text AS signed_max,
                round(percentile_cont(0.5) WITHIN GROUP (ORDER BY witnessed_ms))::text AS witnessed_p50,
                round(percentile_cont(0.99) WITHIN GROUP (ORDER BY witnessed_ms))::text AS witnessed_p99,
                round(max(witnessed_ms))::text AS witnessed_max,
                (SELECT count(*)::text FROM audit_tree_head) AS heads
           FROM d`,
      );
      const r = rows[0]!;
      console.log(`access-log append benchmark: ${writers} concurrent writers, ${batch} records per call, ${seconds} s`);
      console.log(`  appended (durable):     ${written} records in ${calls} calls, ${Math.round(written / elapsed)} records/s sustained`);
      console.log(`  integrated:             ${r.records} records in ${r.heads} signed tree heads`);
      console.log(`  insert → signed head:   p50 ${r.signed_p50} ms, p99 ${r.signed_p99} ms, max ${r.signed_max} ms`);
      console.log(`  insert → witnessed head: p50 ${r.witnessed_p50} ms, p99 ${r.witnessed_p99} ms, max ${r.witnessed_max} ms`);
      const waited = (await metrics.accessLogPushbacks.get()).values[0]?.value ?? 0;
      console.log(`  pushback:               ${waited} of ${calls} calls waited for the sequencer (it was over ${DEFAULT_PUSHBACK.lagMs} ms behind)`);
      console.log(`  bound:                  every record in a signed head within ${INTEGRATION_BOUND_MS} ms: ${Number(r.signed_max) <= INTEGRATION_BOUND_MS ? 'met' : 'NOT met'}`);
    } finally {
      await db.end();
    }
  } finally {
    await Promise.all(pool.map((w) => w.close()));
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // After the hub is stopped: these are computed in this process over synthetic trees.
  console.log('proof sizes (RFC 9162, 32-byte hashes; each proof checked against its root):');
  for (const records of [1_000, 1_000_000]) {
    const p = await proofSizes(records, records / 1000);
    console.log(
      `  ${records.toLocaleString('en')} records: inclusion ${p.inclusionFirst} hashes (${p.inclusionFirst * 32} bytes) for the first, ` +
        `${p.inclusionLast} for the last; consistency from ${p.consistencyFrom!.from.toLocaleString('en')} records ${p.consistencyFrom!.hashes} hashes, ` +
        `from ${(records - 1).toLocaleString('en')} ${p.consistencyFromPrevious}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
