import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureServiceKeys } from '../auth/service-keys';
import { buildServices } from '../build/build-services';
import { UNGUARDED_VARIABLE, benchmarkDatabaseMark } from '../benchmark/unguarded-mode';
import { compiledPath } from '../build/compiled-path';
import {
  AUDIT_WRITER_ROLE,
  type SubgraphName,
  databaseName,
  handoverSubgraphs,
  internalUrlVariable,
  databaseUrlVariable,
  serviceEntry,
  serviceUrlVariable,
  subgraphNames,
} from '../config/services';
import { type RunningPostgres, prepareDataDir, startEmbeddedPostgres } from './embedded-postgres';
import { type PortChoice, assertPortsFree, planPorts } from './port-plan';
import { type ServiceLogLine, type ServiceProcess, startServiceProcess } from './service-process';

export const repoRoot = resolve(__dirname, '../../..');

export interface HubOptions {
  /** Where keys, the embedded issuer, `hub.json` and (by default) PostgreSQL's data live. */
  dataDir: string;
  /** PostgreSQL's data directory; defaults to `<dataDir>/postgres`. */
  postgresDir?: string;
  /** `default`: 4000–4007 and 5433; `{ base }`: base … base+8 (`HUB_PORT_BASE`); `free`: free ports, for tests. */
  ports: PortChoice;
  /** Load the demo caseload into empty databases (`victims`: its size, 300 by default). */
  demo: { seed: number; asOf: Date; victims?: number } | null;
  /** A subgraph whose URL is given here uses that PostgreSQL database instead of the embedded one. */
  externalDatabases?: Partial<Record<SubgraphName, string>>;
  /** The insert-only writer's URL of an external audit database; defaults to a role on the embedded server. */
  auditWriterUrl?: string;
  /** Extra environment for every service (e.g. `LOG_LEVEL`), and for the gateway only. */
  env?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  /**
   * Also start the second gateway (Hive Gateway, gateway/src/hive/) beside the Apollo one, with the same
   * settings, on a free port of its own, in front of the same subgraphs (tests, the benchmark).
   */
  hiveGateway?: boolean;
  /** How long each service may take to start (migrate, seed, listen); 180 s by default. A large demo caseload takes longer. */
  startTimeoutMs?: number;
  onLog: (line: ServiceLogLine) => void;
  /**
   * `npm run bench` only: start this hub unguarded — no access policy, no access log (shared/src/benchmark/
   * unguarded-mode.ts). Needs the embedded PostgreSQL with databases this start creates; each is marked with a
   * nonce of this start, which every service is given and checks before it agrees to run so.
   */
  unguardedBenchmark?: boolean;
}

export interface ServiceAddress {
  url: string;
  port: number;
  database?: string;
  /** The service's process id (the benchmark reads its CPU time from /proc). */
  pid?: number;
  /** The demo caseload it loaded into its empty database at this start. */
  demoSeeded?: { victims: number; ms: number };
}

export interface RunningHub {
  gatewayUrl: string;
  /** The Hive gateway's GraphQL endpoint, when `hiveGateway` asked for it (also `services['hive-gateway']`). */
  hiveGatewayUrl?: string;
  services: Record<string, ServiceAddress>;
  /** The embedded server (null when every subgraph uses an external database); `pid` is the postmaster's. */
  postgres: { port: number; url: string; pid: number } | null;
  keysDir: string;
  dataDir: string;
  stop: () => Promise<void>;
}

const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * The access log's insert-only role on the embedded server, with a password kept in the keys folder.
 * (On an external server a DBA creates it; see README.)
 */
async function embeddedAuditWriter(postgres: RunningPostgres, keysDir: string): Promise<string> {
  const secretPath = join(keysDir, 'audit-writer.secret');
  if (!existsSync(secretPath)) writeFileSync(secretPath, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretPath, 'utf8').trim();
  await postgres.ensureRole(AUDIT_WRITER_ROLE, password);
  const url = new URL(postgres.url(databaseName('audit')));
  url.username = AUDIT_WRITER_ROLE;
  url.password = password;
  return url.toString();
}

/**
 * Starts the whole hub: PostgreSQL (embedded unless every subgraph has an external database), each
 * subgraph as its own process with its own database, then the gateway. `stop()` ends them in reverse.
 * Every service runs its compiled JavaScript, built first from the current source (incremental: a no-op
 * when nothing changed), so no launch ever runs code older than the source.
 */
export async function launchHub(options: HubOptions): Promise<RunningHub> {
  await buildServices(repoRoot);
  prepareDataDir(options.dataDir);
  const keysDir = join(options.dataDir, 'keys');
  await ensureServiceKeys(keysDir, ['gateway', 'witness', ...subgraphNames]);
  const started: ServiceProcess[] = [];
  let postgres: RunningPostgres | null = null;
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
    await postgres?.stop();
  };
  const plan = await planPorts(options.ports);
  const external = options.externalDatabases ?? {};
  const embedded = subgraphNames.some((name) => !external[name]);
  if (options.ports !== 'free') {
    await assertPortsFree(plan, [...(embedded ? ['postgres' as const] : []), 'gateway', 'witness', ...subgraphNames]);
  }
  try {
    if (embedded) {
      postgres = await startEmbeddedPostgres({
        dataDir: options.postgresDir ?? join(options.dataDir, 'postgres'),
        port: plan.postgres,
        onLog: (message) => options.onLog({ service: 'postgres', level: 'debug', message, raw: message }),
      });
    }
    const unguardedNonce = options.unguardedBenchmark ? randomBytes(16).toString('hex') : null;
    if (unguardedNonce && (!postgres || Object.keys(external).length > 0 || options.auditWriterUrl)) {
      throw new Error('an unguarded benchmark hub runs on the embedded PostgreSQL only');
    }
    const databaseUrls = {} as Record<SubgraphName, string>;
    for (const name of subgraphNames) {
      const url = external[name];
      if (url) databaseUrls[name] = url;
      else {
        const created = await postgres!.ensureDatabase(databaseName(name));
        if (unguardedNonce) {
          if (!created) throw new Error(`an unguarded benchmark hub needs databases it creates itself; ${databaseName(name)} existed`);
          await postgres!.commentOnDatabase(databaseName(name), benchmarkDatabaseMark(unguardedNonce));
        }
        databaseUrls[name] = postgres!.url(databaseName(name));
      }
    }
    const auditWriterUrl = options.auditWriterUrl ?? (await embeddedAuditWriter(postgres!, keysDir));
    const ports = plan;
    const baseUrl = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}`;
    const common = {
      HOST: '127.0.0.1',
      HUB_KEYS_DIR: keysDir,
      AUDIT_WRITER_URL: auditWriterUrl,
      COORDINATION_INTERNAL_URL: baseUrl('coordination'),
      ...(options.demo
        ? {
            HUB_DEMO_SEED: String(options.demo.seed),
            HUB_DEMO_AS_OF: options.demo.asOf.toISOString(),
            ...(options.demo.victims === undefined ? {} : { HUB_DEMO_VICTIMS: String(options.demo.victims) }),
          }
        : {}),
      ...(unguardedNonce ? { [UNGUARDED_VARIABLE]: unguardedNonce } : {}),
      ...options.env,
    };
    const startSubgraph = async (name: SubgraphName, own: Record<string, string> = {}) => {
        const service = await startServiceProcess({
          name,
          entry: join(repoRoot, serviceEntry(name)),
          env: {
            ...common,
            ...(name === 'coordination' ? Object.fromEntries(handoverSubgraphs.map((s) => [internalUrlVariable(s), baseUrl(s)])) : {}),
            PORT: String(ports[name]),
            DATABASE_URL: databaseUrls[name],
            ...own,
          },
          onLog: options.onLog,
          startTimeoutMs: options.startTimeoutMs,
        });
        started.push(service);
        return service;
    };
    // The witness first (own key and state under <dataDir>/witness), so that the audit service can hand it heads.
    const witnessDir = join(options.dataDir, 'witness');
    const witness = await startServiceProcess({
      name: 'witness',
      entry: join(repoRoot, serviceEntry('witness')),
      env: {
        HOST: '127.0.0.1',
        HUB_KEYS_DIR: keysDir,
        HUB_WITNESS_DIR: witnessDir,
        PORT: String(plan.witness),
        ...(options.env?.LOG_LEVEL ? { LOG_LEVEL: options.env.LOG_LEVEL } : {}),
      },
      onLog: options.onLog,
    });
    started.push(witness);
    const witnessVkey = readFileSync(join(witnessDir, 'witness.vkey'), 'utf8').trim();
    // The audit subgraph migrates the access log before anyone writes to it.
    const audit = await startSubgraph('audit', { HUB_WITNESS_URL: witness.url, HUB_WITNESS_VKEY: witnessVkey });
    const subgraphs = [
      audit,
      ...(await Promise.all(subgraphNames.filter((n) => n !== 'audit').map((n) => startSubgraph(n)))),
    ];
    const gatewayEnv = {
      ...common,
      PORT: String(ports.gateway),
      HUB_DATA_DIR: options.dataDir,
      ...Object.fromEntries(subgraphs.map((s) => [serviceUrlVariable(s.name as SubgraphName), s.url])),
      ...options.gatewayEnv,
    };
    const [gateway, hive] = await Promise.all([
      startServiceProcess({
        name: 'gateway',
        entry: join(repoRoot, serviceEntry('gateway')),
        env: gatewayEnv,
        onLog: options.onLog,
      }).then((service) => (started.push(service), service)),
      options.hiveGateway
        ? startServiceProcess({
            name: 'hive-gateway',
            entry: join(repoRoot, compiledPath('gateway/src/hive/index.ts')),
            env: { ...gatewayEnv, PORT: '0' },
            onLog: options.onLog,
          }).then((service) => (started.push(service), service))
        : null,
    ]);
    const services: Record<string, ServiceAddress> = {
      gateway: { url: gateway.url, port: gateway.port, pid: gateway.child.pid },
      ...(hive ? { 'hive-gateway': { url: hive.url, port: hive.port, pid: hive.child.pid } } : {}),
      witness: { url: witness.url, port: witness.port, pid: witness.child.pid },
    };
    for (const s of subgraphs) {
      services[s.name] = {
        url: s.url,
        port: s.port,
        database: redact(databaseUrls[s.name as SubgraphName]),
        pid: s.child.pid,
        ...(s.demoSeeded ? { demoSeeded: s.demoSeeded } : {}),
      };
    }
    const hub: RunningHub = {
      gatewayUrl: gateway.url,
      ...(hive ? { hiveGatewayUrl: hive.url } : {}),
      services,
      postgres: postgres ? { port: postgres.port, url: redact(postgres.url('postgres')), pid: postgres.pid } : null,
      keysDir,
      dataDir: options.dataDir,
      stop,
    };
    writeFileSync(
      join(options.dataDir, 'hub.json'),
      JSON.stringify(
        {
          startedAt: new Date().toISOString(),
          gateway: gateway.url,
          services,
          postgres: hub.postgres,
          witness: { url: witness.url, vkey: witnessVkey },
          demo: options.demo && { seed: options.demo.seed, asOf: options.demo.asOf.toISOString() },
          databaseUrlVariables: Object.fromEntries(subgraphNames.map((n) => [n, databaseUrlVariable(n)])),
        },
        null,
        2,
      ),
    );
    return hub;
  } catch (error) {
    await stop();
    throw error;
  }
}
export type { ServiceLogLine } from './service-process';
