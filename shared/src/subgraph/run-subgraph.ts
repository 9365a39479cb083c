import 'reflect-metadata';
import { fork } from 'node:child_process';
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
import { type UnguardedEvidence, checkUnguarded, enterUnguardedMode, productionMode, unguardedRequested } from '../benchmark/unguarded-mode';
import { createSubgraph } from './create-subgraph';
import type { SubgraphDefinition } from './subgraph-definition';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** Loads the demo caseload once: only into a database whose marker table is still empty. */
async function seedDemoIfEmpty(
  definition: SubgraphDefinition,
  dataSource: DataSource,
  options: { seed: number; asOf: Date; victims?: number },
  log: Logger,
): Promise<DemoSeeded | null> {
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
  return loaded;
}

type DemoSeeded = { victims: number; ms: number };

/** Set in the child process that only loads the demo caseload (see `seedInChildProcess`). */
const SEED_ONLY = 'HUB_DEMO_SEED_ONLY';

/**
 * Loads the demo caseload in a child process of the same service (same entry, same flags), which exits when done.
 * The caseload's objects never enter the serving process's heap: at 30,000 victims, seeding in the service itself
 * left coordination holding 963 MB under the benchmark's load (639 MB after a forced garbage collection, 378 MB
 * before any request), since V8 keeps a heap it has grown while the service is busy.
 */
function seedInChildProcess(log: Logger): Promise<DemoSeeded | null> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, process.argv.slice(2), { env: { ...process.env, [SEED_ONLY]: '1' }, execArgv: process.execArgv });
    let seeded: DemoSeeded | null = null;
    child.on('message', (message: { demoSeeded?: DemoSeeded | null }) => {
      seeded = message.demoSeeded ?? null;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(seeded);
      else reject(new Error(`the demo seeding process failed (code ${code}, signal ${signal})`));
    });
    log.debug({ pid: child.pid }, 'loading the demo caseload in a child process');
  });
}

/** No migration has ever run in the database (TypeORM's `migrations` table does not exist yet). */
async function databaseIsFresh(dataSource: DataSource): Promise<boolean> {
  const [row] = (await dataSource.query(`SELECT to_regclass('public.migrations') IS NULL AS fresh`)) as { fresh: boolean }[];
  return row?.fresh === true;
}

/** The comment on the service's own database (the benchmark's mark, benchmark/unguarded-mode.ts), null when none. */
async function databaseMark(dataSource: DataSource): Promise<string | null> {
  const [row] = (await dataSource.query(
    `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = current_database()`,
  )) as { mark: string | null }[];
  return row?.mark ?? null;
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
    const demo = process.env.HUB_DEMO_SEED
      ? {
          seed: Number(process.env.HUB_DEMO_SEED),
          asOf: new Date(required('HUB_DEMO_AS_OF')),
          victims: process.env.HUB_DEMO_VICTIMS ? Number(process.env.HUB_DEMO_VICTIMS) : undefined,
        }
      : null;
    if (process.env[SEED_ONLY] === '1') {
      // The seeding child (seedInChildProcess): the parent has migrated; load, report, exit — or stop when the
      // parent does.
      process.on('disconnect', () => process.exit(1));
      const demoSeeded = demo ? await seedDemoIfEmpty(definition, dataSource, demo, log) : null;
      await dataSource.destroy();
      process.send!({ demoSeeded }, () => process.exit(0));
      return;
    }
    // The benchmark's unguarded mode (benchmark/unguarded-mode.ts): checked before anything is written to the
    // database (it must be one no migration had touched), and once more after the demo caseload is loaded.
    const unguardedNonce = unguardedRequested(process.env);
    let unguarded: UnguardedEvidence | null = null;
    if (unguardedNonce !== null) {
      unguarded = {
        service: definition.name,
        nonce: unguardedNonce,
        production: productionMode(process.env),
        host: process.env.HOST ?? '127.0.0.1',
        databaseMark: await databaseMark(dataSource),
        freshDatabase: await databaseIsFresh(dataSource),
      };
      checkUnguarded(unguarded);
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    // A deployment's migration job (deploy/kubernetes/migrations.yaml): migrate, then stop before serving.
    if (process.env.HUB_MIGRATE_ONLY === '1') {
      await dataSource.destroy();
      log.info({ migrations: applied.length }, 'migrated; HUB_MIGRATE_ONLY=1, so not serving');
      process.exit(0);
    }
    const demoSeeded = demo && definition.seed ? await seedInChildProcess(log) : null;
    if (unguarded) {
      enterUnguardedMode({ ...unguarded, demoSeeded: Boolean(process.env.HUB_DEMO_SEED) && (!definition.seed || demoSeeded !== null) });
      log.warn('UNGUARDED benchmark mode: no access policy, no access log');
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
