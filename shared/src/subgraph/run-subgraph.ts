import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DataSource } from 'typeorm';
import { loadServiceKeys } from '../auth/service-keys';
import { AssertionIds1765100000000 } from '../auth/assertion-replay-guard';
import { withAgencyKit } from '../agency-kit/rights/with-agency-kit';
import { databaseUrl } from '../config/database-url';
import { defaultPorts } from '../config/services';
import { generateCaseload } from '../demo/generate-caseload';
import { createDataSource } from '../db/create-data-source';
import { createLogger, type Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { stopTracing } from '../observability/tracing';
import { announceListening, handleShutdown } from '../process/handle-shutdown';
import { smallCellK } from '../statistics/small-cell';
import { AuditWriter } from '../audit/audit-writer';
import { createSubgraph } from './create-subgraph';
import type { SubgraphDefinition } from './subgraph-definition';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** Loads the demo caseload once: only into a database whose marker table is still empty. */
export async function seedDemoIfEmpty(
  definition: SubgraphDefinition,
  dataSource: DataSource,
  options: { seed: number; asOf: Date; victims?: number },
  log: Logger,
): Promise<{ victims: number; ms: number } | null> {
  if (!definition.seed) return null;
  const [row] = (await dataSource.query(`SELECT EXISTS (SELECT 1 FROM ${definition.seed.markerTable}) AS seeded`)) as {
    seeded: boolean;
  }[];
  if (row?.seeded) return null;
  const started = Date.now();
  const caseload = generateCaseload({ seed: options.seed, asOf: options.asOf, victims: options.victims });
  await definition.seed.load(dataSource, caseload);
  const loaded = { victims: caseload.coordination.victims.length, ms: Date.now() - started };
  log.info({ seed: options.seed, asOf: caseload.asOf, ...loaded }, 'demo caseload loaded');
  collectGarbage();
  return loaded;
}

/**
 * A full garbage collection, once the demo caseload is loaded and its objects are garbage. Without it the heap that
 * grew to hold them (hundreds of MB at 30,000 victims) stays that large while the service is kept busy: at 30,000
 * victims coordination held at most 963 MB under the benchmark's load without it, 639 MB with it (378 MB at start).
 * `gc` is exposed the way Jest's leak detector does it (a flag set at run time, the function read from a new context).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** The process entry of every subgraph (`src/index.ts` calls only this). */
export async function runSubgraph(declared: SubgraphDefinition): Promise<void> {
  const definition = withAgencyKit(declared);
  const log = createLogger(definition.name);
  try {
    smallCellK(); // a bad HUB_SMALL_CELL_K stops the start, not the first statistics request
    const metrics = new Metrics();
    const dataSource = createDataSource({
      // The password from a mounted secret when DATABASE_PASSWORD_FILE is set (docker compose, Kubernetes).
      url: databaseUrl({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_PASSWORD_FILE: process.env.DATABASE_PASSWORD_FILE }),
      entities: definition.entities,
      migrations: [...(definition.migrations as Function[]), AssertionIds1765100000000],
      metrics,
      log,
    });
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    // A deployment's migration job (deploy/kubernetes/migrations.yaml): migrate, then stop before serving.
    if (process.env.HUB_MIGRATE_ONLY === '1') {
      await dataSource.destroy();
      log.info({ migrations: applied.length }, 'migrated; HUB_MIGRATE_ONLY=1, so not serving');
      process.exit(0);
    }
    let demoSeeded: { victims: number; ms: number } | null = null;
    if (process.env.HUB_DEMO_SEED) {
      demoSeeded = await seedDemoIfEmpty(
        definition,
        dataSource,
        {
          seed: Number(process.env.HUB_DEMO_SEED),
          asOf: new Date(required('HUB_DEMO_AS_OF')),
          victims: process.env.HUB_DEMO_VICTIMS ? Number(process.env.HUB_DEMO_VICTIMS) : undefined,
        },
        log,
      );
    }
    const keysDir = required('HUB_KEYS_DIR');
    const keys = await loadServiceKeys(keysDir, definition.name);
    const auditWriterUrl = databaseUrl({
      AUDIT_WRITER_URL: process.env.AUDIT_WRITER_URL,
      AUDIT_WRITER_PASSWORD_FILE: process.env.AUDIT_WRITER_PASSWORD_FILE,
    });
    const audit = new AuditWriter(auditWriterUrl, definition.name, log, metrics);
    const subgraph = await createSubgraph(definition, {
      dataSource,
      audit,
      keys,
      coordinationUrl: process.env.COORDINATION_INTERNAL_URL ?? `http://127.0.0.1:${defaultPorts.coordination}`,
      metrics,
      log,
      checks: {
        database: () => dataSource.query('SELECT 1'),
        auditStore: () => audit.ping(),
        // The key files are read again: a key that was removed or spoilt fails readiness, not the next request.
        keys: () => loadServiceKeys(keysDir, definition.name),
      },
    });
    const stopBackground = definition.background?.({ dataSource, keys, metrics, log }) ?? (() => undefined);
    const port = process.env.PORT === undefined ? defaultPorts[definition.name] : Number(process.env.PORT);
    const running = await subgraph.listen(port, process.env.HOST ?? '127.0.0.1');
    log.info({ url: running.url, port: running.port }, 'listening');
    announceListening(running.url, running.port, demoSeeded ? { demoSeeded } : {});
    handleShutdown(log, async () => {
      stopBackground();
      await running.stop();
      await audit.close();
      await dataSource.destroy();
      await stopTracing();
    });
  } catch (error) {
    log.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}
