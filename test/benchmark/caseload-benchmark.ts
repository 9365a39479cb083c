/**
 * `npm run bench`: starts a hub of its own (embedded PostgreSQL, a demo caseload of `--victims` victims, free
 * ports), then measures the gateway on the coordinating unit's typical operations and prints, per scenario:
 * req/s, p50/p99, SQL statements and rows read per request (from every subgraph's /metrics: rows the statements
 * returned), table rows PostgreSQL read for them (pg_stat_user_tables of the agencies' databases), access records
 * per request (from the access log's own sequence), and CPU ms per request of every hub process — gateway, each
 * subgraph, the witness, PostgreSQL with its backends — read from /proc before and after, so that other work on
 * the machine disturbs it least. Bounded: a fixed number of requests at a fixed concurrency, loopback only.
 * Options: --victims N (1–100,000, default 300), --requests N (default 300), --concurrency C (default 8),
 * --rounds R (default 4).
 * `--victims 300,30000` measures each size on a hub of its own, one after the other, then prints CPU ms per
 * request at each size against the first and each Node process's largest RSS under load.
 *
 * The guard's cost (issue 10): at each size a second hub starts beside the first, unguarded — the same services,
 * caseload and queries with policy enforcement and access logging off (shared/src/benchmark/unguarded-mode.ts; the
 * services refuse that mode unless this launcher created and marked their databases). Both stay up, and every
 * scenario's requests are split into `--rounds` rounds per hub, alternating between the two (guarded first, then
 * unguarded first, …), so that whatever else loads the machine weighs on both alike; each round is measured alone
 * (the other hub idle) and the rounds of a hub are summed. Then the on/off ratios are printed: guarded ÷ unguarded
 * throughput, and unguarded ÷ guarded CPU per request (the throughput ratio of a CPU-bound hub, steadier).
 *
 * A second gateway (issue 10): the guarded hub's subgraphs also answer Hive Gateway (README, "A second gateway"),
 * measured in the same alternating rounds as a third party, with its own process's CPU under "gateway"; then the two
 * gateways' figures side by side.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { LocalIssuer } from '@hub/gateway/src/auth/local-issuer';
import { Agency, Purpose, Role, type SubgraphName, databaseName, subgraphNames } from '@hub/shared';
import { localDatabaseUrl } from '@hub/shared/src/local/embedded-postgres';
import { type RunningHub, launchHub } from '@hub/shared/src/local/launch-hub';
import { cpuSnapshot, processCpuAvailable } from './process-cpu';

export const MAX_VICTIMS = 100_000;
const PAGE = 20;

interface Identity {
  agency: Agency;
  role: Role;
  purpose: Purpose;
  justification?: string;
}
interface Scenario {
  /** The same at every size (the name says how many pages the filtered caseload has). */
  key: string;
  name: string;
  identity: Identity;
  query: string;
  variables?: Record<string, unknown>;
}

const coordinator: Identity = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };

/** Options, checked before anything starts; a bad value is refused with a message naming it. */
export function benchOptions(args: string[]): { victims: number[]; requests: number; concurrency: number; rounds: number } {
  const { values } = parseArgs({
    args,
    options: { victims: { type: 'string' }, requests: { type: 'string' }, concurrency: { type: 'string' }, rounds: { type: 'string' } },
  });
  const whole = (name: string, raw: string | undefined, fallback: number, max: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new RangeError(`--${name} must be a whole number from 1 to ${max.toLocaleString('en')}, not ${raw}`);
    }
    return value;
  };
  const sizes = values.victims === undefined ? [undefined] : values.victims.split(',');
  if (sizes.length > 3) throw new RangeError(`--victims takes at most 3 sizes, not ${sizes.length}`);
  return {
    victims: sizes.map((size) => whole('victims', size, 300, MAX_VICTIMS)),
    requests: whole('requests', values.requests, 300, 1_000_000),
    concurrency: whole('concurrency', values.concurrency, 8, 1000),
    rounds: whole('rounds', values.rounds, 4, 100),
  };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of an unlabelled counter in a service's /metrics. */
async function metric(url: string, series: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

class Gateway {
  private readonly tokens = new Map<string, Promise<string>>();
  constructor(
    hub: RunningHub,
    private readonly issuer: LocalIssuer,
    /** Where requests go: the hub's Apollo gateway unless another is given (the Hive gateway beside it). */
    private readonly url: string = hub.gatewayUrl,
  ) {}

  private token(identity: Identity): Promise<string> {
    const key = `${identity.agency}/${identity.role}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = this.issuer.issue({ sub: 'bench', agency: identity.agency, role: identity.role, regions: [] });
      this.tokens.set(key, token);
    }
    return token;
  }

  /** Fields refused (FORBIDDEN, CONSENT_REQUIRED) in the answers so far. */
  refused = 0;

  /** One request; throws unless it answered 200 with data and no error but refused fields. */
  async send<T>(name: string, identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${await this.token(identity)}`,
      'x-purpose': identity.purpose,
    };
    if (identity.justification) headers['x-justification'] = identity.justification;
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
    const unexpected = (body.errors ?? []).filter((e) => !['FORBIDDEN', 'CONSENT_REQUIRED'].includes(e.extensions?.code ?? ''));
    if (!response.ok || !body.data || unexpected.length > 0) {
      throw new Error(`${name} failed: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
    }
    this.refused += (body.errors ?? []).length;
    return body.data;
  }
}

/** The scenarios' inputs, found through the API: a victim with a long support path, the filtered caseload's last page. */
async function prepare(gateway: Gateway): Promise<{ victimId: string; lastPageAfter: string | null; osloTotal: number }> {
  const newest = await gateway.send<{ victims: { edges: { node: { id: string; supportPath: { events: unknown[] } | null } }[] } }>(
    'victims with their support paths', coordinator,
    `{ victims(first: 100) { edges { node { id supportPath { events { kind } } } } } }`,
  );
  const longest = [...newest.victims.edges].sort(
    (a, b) => (b.node.supportPath?.events.length ?? 0) - (a.node.supportPath?.events.length ?? 0),
  )[0];
  if (!longest) throw new Error('the caseload is empty');
  // Walk the filtered caseload 100 at a time to the cursor before its last page.
  const cursors: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page: { victims: { totalCount: number; edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await gateway.send('walking the filtered caseload', coordinator,
        `query Walk($after: String) { victims(first: 100, after: $after, filter: { region: OSLO }) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }`,
        { after });
    total = page.victims.totalCount;
    cursors.push(...page.victims.edges.map((e) => e.cursor));
    const lastPageStart = Math.floor(Math.max(0, total - 1) / PAGE) * PAGE;
    if (cursors.length >= lastPageStart || !page.victims.pageInfo.hasNextPage) {
      return { victimId: longest.node.id, lastPageAfter: lastPageStart === 0 ? null : cursors[lastPageStart - 1]!, osloTotal: total };
    }
    after = page.victims.pageInfo.endCursor;
  }
}

function scenarios(victimId: string, lastPageAfter: string | null, osloTotal: number): Scenario[] {
  return [
    {
      key: 'caseload page',
      name: 'caseload page: first 20, 4 subgraphs, totalCount',
      identity: coordinator,
      query: `{ victims(first: 20) { totalCount edges { node { id alias region minor supportPath { stage nextDeadline { kind dueAt } alerts { kind } } reflectionPeriod { endsAt } placements { from } healthSummary { hasGp } } } } }`,
    },
    {
      key: 'filtered caseload: OSLO, last page',
      name: `filtered caseload: OSLO, last page of ${Math.ceil(osloTotal / PAGE)}`,
      identity: coordinator,
      query: `query LastPage($after: String) { victims(first: 20, after: $after, filter: { region: OSLO }) { totalCount edges { node { id alias region supportPath { stage alerts { kind } } } } pageInfo { hasNextPage } } }`,
      variables: { after: lastPageAfter },
    },
    {
      key: 'one support path',
      name: 'one support path',
      identity: coordinator,
      query: `query SupportPath($id: ID!) { victim(id: $id) { id alias region supportPath { stage nextDeadline { kind dueAt } alerts { kind message } events { at agency kind summary } agencies { agency shared } } } }`,
      variables: { id: victimId },
    },
    {
      key: 'emergency query',
      name: 'emergency: 100 victims, every subgraph',
      identity: {
        agency: Agency.COORDINATION,
        role: Role.COORDINATOR,
        purpose: Purpose.EMERGENCY,
        justification: 'Benchmark of the break-glass path on demo data',
      },
      query: `{ victims(first: 100) { edges { node { id alias investigations { status } reflectionPeriod { endsAt } placements { from } healthSummary { hasGp } guardian { appointedAt } supportPath { stage } } } } }`,
    },
  ];
}

/**
 * The hub's databases as their owner: how many records the access log ever appended and whether all are
 * integrated yet, and how many table rows the agencies' databases have read.
 */
class Databases {
  private constructor(
    private readonly client: Client,
    private readonly agencies: Client[],
  ) {}
  static async open(port: number): Promise<Databases> {
    const connect = async (name: SubgraphName) => {
      const client = new Client({ connectionString: localDatabaseUrl(port, databaseName(name)) });
      await client.connect();
      return client;
    };
    return new Databases(await connect('audit'), await Promise.all(subgraphNames.filter((n) => n !== 'audit').map(connect)));
  }
  /** Records appended so far (every writer's insert takes the next id of `audit_pending`). */
  async appended(): Promise<number> {
    const { rows } = await this.client.query<{ last_value: string; is_called: boolean }>('SELECT last_value, is_called FROM audit_pending_id_seq');
    return rows[0]!.is_called ? Number(rows[0]!.last_value) : 0;
  }
  /**
   * Table rows PostgreSQL has read in the agencies' databases (`pg_stat_user_tables`: rows of sequential scans and
   * rows fetched through indexes; index-only scans fetch none), every subgraph's but audit's, whose sequencer works
   * in the background. Backends publish their counts when idle, within about a second: read after a pause.
   */
  async rowsScanned(): Promise<number> {
    await sleep(1500);
    const counts = await Promise.all(
      this.agencies.map(async (client) => {
        const { rows } = await client.query<{ n: string | null }>(
          'SELECT sum(seq_tup_read + coalesce(idx_tup_fetch, 0))::bigint AS n FROM pg_stat_user_tables',
        );
        return Number(rows[0]!.n ?? 0);
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
  /** Waits until the sequencer has integrated every pending record (its CPU then belongs to the scenario). */
  async drained(timeoutMs = 30 * 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.client.query<{ pending: boolean }>('SELECT EXISTS (SELECT 1 FROM audit_pending) AS pending');
      if (!rows[0]!.pending) return;
      if (Date.now() > until) throw new Error('the access log did not integrate its pending records in time');
      await sleep(250);
    }
  }
  async close(): Promise<void> {
    await Promise.all([this.client, ...this.agencies].map((c) => c.end()));
  }
}

interface Counters {
  sql: number;
  rows: number;
  scanned: number;
  records: number;
  refused: number;
  cpu: Record<string, number>;
}

export interface Result {
  key: string;
  name: string;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  sql: number;
  rows: number;
  scanned: number;
  records: number;
  /** Fields the answers refused (FORBIDDEN, CONSENT_REQUIRED); none when the hub runs unguarded. */
  refused?: number;
  cpu: Record<string, number>;
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** The figures as Markdown tables (the README's are pasted from them). */
const perRequest = (r: Result, value: number) => value / r.requests;
const totalCpu = (r: Result) => Object.values(r.cpu).reduce((a, b) => a + b, 0);

export function tables(results: Result[], processes: string[]): string {
  const lines = [
    row(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'rows read/req', 'rows scanned/req', 'access records/req', 'refused fields/req', 'CPU ms/req']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...results.map((r) => row([
      r.name,
      fmt(r.requests / r.seconds),
      fmt(r.p50, 0),
      fmt(r.p99, 0),
      fmt(perRequest(r, r.sql)),
      fmt(perRequest(r, r.rows)),
      fmt(perRequest(r, r.scanned), 0),
      fmt(perRequest(r, r.records)),
      fmt(perRequest(r, r.refused ?? 0)),
      fmt(perRequest(r, totalCpu(r))),
    ])),
    '',
    'CPU ms per request, by process:',
    '',
    row(['scenario', ...processes, 'total']),
    row(['---', ...processes.map(() => '---:'), '---:']),
    ...results.map((r) => row([r.name, ...processes.map((p) => fmt(perRequest(r, r.cpu[p] ?? 0))), fmt(perRequest(r, totalCpu(r)))])),
  ];
  return lines.join('\n');
}

/** The guard's target (issue 10): guarded throughput at least this share of the unguarded hub's. */
export const GUARD_TARGET = 0.75;

/**
 * The guard's cost per scenario: throughput and CPU per request of the guarded and the unguarded hub, and the
 * on/off ratios — guarded ÷ unguarded req/s, and unguarded ÷ guarded CPU ms per request (what the throughput
 * ratio is when the hub is CPU-bound; it moves less with other work on the machine). A ratio under
 * {@link GUARD_TARGET} is marked.
 */
export function guardTables(guarded: Result[], unguarded: Result[]): string {
  const ratio = (value: number) => `${fmt(value, 2)}${value < GUARD_TARGET ? ' (under 0.75)' : ''}`;
  return [
    row(['scenario (guarded vs unguarded)', 'req/s on', 'req/s off', 'on/off req/s', 'CPU ms/req on', 'CPU ms/req off', 'on/off by CPU']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...guarded.map((on) => {
      const off = unguarded.find((r) => r.key === on.key);
      if (!off) throw new Error(`no unguarded figures for ${on.key}`);
      const [onRate, offRate] = [on.requests / on.seconds, off.requests / off.seconds];
      const [onCpu, offCpu] = [perRequest(on, totalCpu(on)), perRequest(off, totalCpu(off))];
      return row([on.key, fmt(onRate), fmt(offRate), ratio(onRate / offRate), fmt(onCpu), fmt(offCpu), ratio(offCpu / onCpu)]);
    }),
  ].join('\n');
}

/**
 * The two gateways in front of the same guarded subgraphs, per scenario: throughput and CPU per request through the
 * Apollo gateway and through Hive Gateway, the gateway process's own CPU per request, and Hive ÷ Apollo req/s.
 */
export function gatewayTables(apollo: Result[], hive: Result[]): string {
  return [
    row(['scenario (Apollo vs Hive)', 'req/s Apollo', 'req/s Hive', 'Hive/Apollo req/s', 'CPU ms/req Apollo', 'CPU ms/req Hive', 'gateway CPU ms/req Apollo', 'gateway CPU ms/req Hive']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...apollo.map((a) => {
      const h = hive.find((r) => r.key === a.key);
      if (!h) throw new Error(`no Hive figures for ${a.key}`);
      const [aRate, hRate] = [a.requests / a.seconds, h.requests / h.seconds];
      return row([
        a.key,
        fmt(aRate),
        fmt(hRate),
        fmt(hRate / aRate, 2),
        fmt(perRequest(a, totalCpu(a))),
        fmt(perRequest(h, totalCpu(h))),
        fmt(perRequest(a, a.cpu.gateway ?? 0)),
        fmt(perRequest(h, h.cpu.gateway ?? 0)),
      ]);
    }),
  ].join('\n');
}

/** The figures of one hub at one size: each scenario's, and each Node process's largest RSS under load. */
interface SizeRun {
  victims: number;
  /** The guarded hub's figures (the hub as deployed). */
  results: Result[];
  /** The unguarded hub's, measured in the same run (absent in the size tables' own tests). */
  unguarded?: Result[];
  /** The guarded subgraphs through Hive Gateway, measured in the same run. */
  hive?: Result[];
  rssMaxMb: Record<string, number>;
}

/**
 * CPU ms per request at each size against the smallest, per scenario (the national-scale issue asks for at most
 * 1.5× from 300 to 30,000 victims) when there are two sizes or more, and the largest RSS under load of each Node
 * process at each size (the issue asks for coordination under 500 MB at 30,000).
 */
export function scaleTables(runs: SizeRun[]): string {
  const [base, ...rest] = runs;
  if (!base) return '';
  const sizes = runs.map((r) => r.victims.toLocaleString('en'));
  const ratios = rest.length === 0 ? [] : [
    row(['scenario (CPU ms/req)', ...sizes, ...rest.map((r) => `${r.victims.toLocaleString('en')} ÷ ${sizes[0]}`)]),
    row(['---', ...runs.map(() => '---:'), ...rest.map(() => '---:')]),
    ...base.results.map((b) => {
      const at = (run: SizeRun) => run.results.find((r) => r.key === b.key)!;
      return row([
        b.key,
        ...runs.map((run) => fmt(perRequest(at(run), totalCpu(at(run))))),
        ...rest.map((run) => `${fmt(perRequest(at(run), totalCpu(at(run))) / perRequest(b, totalCpu(b)), 2)}×`),
      ]);
    }),
    '',
  ];
  return [
    ...ratios,
    row(['largest RSS under load, MB', ...sizes]),
    row(['---', ...runs.map(() => '---:')]),
    ...Object.keys(base.rssMaxMb).map((p) => row([p, ...runs.map((run) => fmt(run.rssMaxMb[p] ?? 0, 0))])),
  ].join('\n');
}

/** Resident memory of a process in MB (/proc/<pid>/status VmRSS), 0 when it cannot be read. */
function rssMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The on/off ratios of every size side by side (two sizes or more). */
export function guardSummary(runs: SizeRun[]): string {
  const measured = runs.filter((r) => r.unguarded);
  const [base] = measured;
  if (!base || measured.length < 2) return '';
  return [
    row(['scenario (on/off)', ...measured.flatMap((r) => [`${r.victims.toLocaleString('en')} req/s`, `${r.victims.toLocaleString('en')} by CPU`])]),
    row(['---', ...measured.flatMap(() => ['---:', '---:'])]),
    ...base.results.map((b) =>
      row([
        b.key,
        ...measured.flatMap((run) => {
          const on = run.results.find((r) => r.key === b.key)!;
          const off = run.unguarded!.find((r) => r.key === b.key)!;
          return [fmt(on.requests / on.seconds / (off.requests / off.seconds), 2), fmt(perRequest(off, totalCpu(off)) / perRequest(on, totalCpu(on)), 2)];
        }),
      ]),
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  let options: ReturnType<typeof benchOptions>;
  try {
    options = benchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`npm run bench: ${(error as Error).message}`);
    process.exit(2);
  }
  stopHubsOnSignals();
  const runs: SizeRun[] = [];
  for (const victims of options.victims) runs.push(await measure(victims, options));
  console.log(`\n${runs.length > 1 ? 'One run, sizes one after the other on the same machine' : 'Memory (the guarded hub)'}:\n\n${scaleTables(runs)}`);
  const summary = guardSummary(runs);
  if (summary) console.log(`\nThe guard's cost at each size, on/off (target: at least ${GUARD_TARGET}):\n\n${summary}`);
}

/** One hub of the benchmark, started, with what measuring it needs. */
interface BenchHub {
  /** `hive`: the guarded hub's subgraphs behind its Hive gateway (the same services, another gateway). */
  label: 'guarded' | 'unguarded' | 'hive';
  hub: RunningHub;
  dataDir: string;
  databases: Databases;
  gateway: Gateway;
  pids: Record<string, number>;
  scenarios: Scenario[];
  stop: () => Promise<void>;
}

const hubs = new Set<BenchHub>();

/** Ctrl-C stops the hubs it started, PostgreSQL included, and removes their data. */
function stopHubsOnSignals(): void {
  let stopping: Promise<void> | null = null;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark's hubs …`);
      stopping ??= Promise.all([...hubs].map((h) => h.stop())).then(() => undefined);
      void stopping.finally(() => process.exit(130));
    });
  }
}

/** Starts a hub with `victims` demo victims (unguarded: enforcement and access logging off) and finds the scenarios' inputs. */
async function startBenchHub(victims: number, label: BenchHub['label']): Promise<BenchHub> {
  const dataDir = mkdtempSync(join(tmpdir(), `hub-bench-${label}-`));
  console.log(`Starting the ${label} hub with ${victims.toLocaleString('en')} demo victims (data in ${dataDir}) …`);
  const startedAt = performance.now();
  const hub = await launchHub({
    dataDir,
    ports: 'free',
    demo: { seed: 2009, asOf: new Date(new Date().toISOString().slice(0, 10)), victims },
    env: { LOG_LEVEL: 'warn' },
    // One identity sends every request: the per-identity limit (600 a minute) would throttle the load itself.
    gatewayEnv: { HUB_RATE_LIMIT_PER_MINUTE: '100000000' },
    // Every subgraph generates and loads the caseload before it listens: minutes for 100,000 victims.
    startTimeoutMs: 60 * 60_000,
    unguardedBenchmark: label === 'unguarded',
    // The guarded hub's subgraphs also answer a second gateway (README, "A second gateway"), measured on its own.
    hiveGateway: label === 'guarded',
    onLog: (line) => {
      if (line.level === 'error' || line.level === 'fatal') console.error(`[${label} ${line.service}] ${line.message}`);
    },
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  let databases: Databases | null = null;
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await databases?.close().catch(() => undefined);
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    })());
  try {
    const startSeconds = (performance.now() - startedAt) / 1000;
    const seeded = Object.entries(hub.services).flatMap(([name, s]) => (s.demoSeeded ? [[name, s.demoSeeded.ms] as const] : []));
    const slowest = seeded.reduce((max, [, ms]) => Math.max(max, ms), 0);
    console.log(
      `Seeded ${victims.toLocaleString('en')} victims in ${fmt(slowest / 1000)} s (the slowest subgraph; they seed in parallel: ` +
        `${seeded.map(([name, ms]) => `${name} ${fmt(ms / 1000)} s`).join(', ')}); the ${label} hub started in ${fmt(startSeconds)} s.`,
    );
    if (!hub.postgres) throw new Error('the benchmark needs the embedded PostgreSQL');
    databases = await Databases.open(hub.postgres.port);
    const pids: Record<string, number> = { gateway: hub.services.gateway!.pid! };
    for (const name of subgraphNames) pids[name] = hub.services[name]!.pid!;
    pids.witness = hub.services.witness!.pid!;
    pids.postgres = hub.postgres.pid;
    const gateway = new Gateway(hub, await LocalIssuer.open(dataDir));
    const { victimId, lastPageAfter, osloTotal } = await prepare(gateway);
    const bench: BenchHub = { label, hub, dataDir, databases, gateway, pids, scenarios: scenarios(victimId, lastPageAfter, osloTotal), stop };
    hubs.add(bench);
    return bench;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The figures of one hub for one scenario, summed over its rounds. */
class Tally {
  readonly latencies: number[] = [];
  seconds = 0;
  readonly totals: Omit<Counters, 'cpu'> & { cpu: Record<string, number> } = { sql: 0, rows: 0, scanned: 0, records: 0, refused: 0, cpu: {} };

  add(before: Counters, after: Counters, seconds: number, latencies: number[]): void {
    this.seconds += seconds;
    this.latencies.push(...latencies);
    for (const k of ['sql', 'rows', 'scanned', 'records', 'refused'] as const) this.totals[k] += after[k] - before[k];
    for (const p of Object.keys(after.cpu)) this.totals.cpu[p] = (this.totals.cpu[p] ?? 0) + after.cpu[p]! - (before.cpu[p] ?? 0);
  }

  result(scenario: Scenario, pids: Record<string, number>): Result {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      key: scenario.key,
      name: scenario.name,
      requests: sorted.length,
      seconds: this.seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      sql: this.totals.sql,
      rows: this.totals.rows,
      scanned: this.totals.scanned,
      records: this.totals.records,
      refused: this.totals.refused,
      cpu: Object.fromEntries(Object.keys(pids).map((p) => [p, this.totals.cpu[p] ?? 0])),
    };
  }
}

/**
 * Starts the guarded and the unguarded hub with `victims` demo victims, runs every scenario on both in
 * alternating rounds, prints their tables and the on/off ratios, and stops them.
 */
async function measure(victims: number, options: { requests: number; concurrency: number; rounds: number }): Promise<SizeRun> {
  const { requests, concurrency } = options;
  const rounds = Math.min(options.rounds, requests);
  const guarded = await startBenchHub(victims, 'guarded');
  try {
    const unguarded = await startBenchHub(victims, 'unguarded');
    // The same subgraphs, databases and scenario inputs as the guarded hub; only the gateway (and its process) differ.
    const hiveService = guarded.hub.services['hive-gateway'];
    if (!guarded.hub.hiveGatewayUrl || !hiveService?.pid) throw new Error('the guarded hub started no Hive gateway');
    const hive: BenchHub = {
      ...guarded,
      label: 'hive',
      gateway: new Gateway(guarded.hub, await LocalIssuer.open(guarded.dataDir), guarded.hub.hiveGatewayUrl),
      pids: { ...guarded.pids, gateway: hiveService.pid },
      stop: async () => undefined,
    };
    const pair = [guarded, unguarded, hive] as const;
    const withCpu = processCpuAvailable();

    const snapshot = async (h: BenchHub): Promise<Counters> => {
      const urls = subgraphNames.map((n) => h.hub.services[n]!.url);
      const sum = async (series: string) => (await Promise.all(urls.map((u) => metric(u, series)))).reduce((a, b) => a + b, 0);
      // CPU first: the pause before PostgreSQL's counts is then not part of the scenario's CPU time.
      const cpu = withCpu ? cpuSnapshot(h.pids) : {};
      return {
        cpu,
        refused: h.gateway.refused,
        sql: await sum('hub_sql_statements_total'),
        rows: await sum('hub_sql_rows_read_total'),
        records: await h.databases.appended(),
        scanned: await h.databases.rowsScanned(),
      };
    };

    const [cores, load] = [cpus().length, loadavg().map((l) => l.toFixed(1)).join(' / ')];
    console.log(
      `\n${requests} requests per scenario and hub, ${concurrency} at a time, in ${rounds} rounds per hub alternating between ` +
        `the guarded hub (${guarded.hub.gatewayUrl}), the unguarded one (${unguarded.hub.gatewayUrl}) and the guarded ` +
        `subgraphs through Hive Gateway (${guarded.hub.hiveGatewayUrl}); ${cores} cores, ` +
        `load average ${load} (1 / 5 / 15 min) before the first scenario\n`,
    );
    const results = { guarded: [] as Result[], unguarded: [] as Result[], hive: [] as Result[] };
    const nodes = Object.keys(guarded.pids).filter((p) => p !== 'postgres');
    const rssMaxMb: Record<string, number> = Object.fromEntries(nodes.map((p) => [p, 0]));
    const sampling = setInterval(() => {
      for (const p of nodes) rssMaxMb[p] = Math.max(rssMaxMb[p]!, rssMb(guarded.pids[p]!));
    }, 250);
    for (const [index, scenario] of guarded.scenarios.entries()) {
      const send = async (h: BenchHub) => {
        const s = h.scenarios[index]!;
        const started = performance.now();
        await h.gateway.send(s.name, s.identity, s.query, s.variables);
        return performance.now() - started;
      };
      for (const h of pair) for (let i = 0; i < Math.min(10, requests); i += 1) await send(h);
      const tallies = new Map(pair.map((h) => [h, new Tally()]));
      for (let round = 0; round < rounds; round += 1) {
        // This round's share of the requests; the order of the two hubs alternates from round to round.
        const share = Math.floor(((round + 1) * requests) / rounds) - Math.floor((round * requests) / rounds);
        for (const h of round % 2 === 0 ? pair : [...pair].reverse()) {
          await h.databases.drained();
          const before = await snapshot(h);
          const latencies: number[] = [];
          let next = 0;
          const started = performance.now();
          await Promise.all(
            Array.from({ length: concurrency }, async () => {
              while (next < share) {
                next += 1;
                latencies.push(await send(h));
              }
            }),
          );
          const seconds = (performance.now() - started) / 1000;
          // The sequencer integrates the round's records after the answers: its work is part of what they cost.
          await h.databases.drained();
          tallies.get(h)!.add(before, await snapshot(h), seconds, latencies);
        }
      }
      for (const h of pair) {
        const result = tallies.get(h)!.result(h.scenarios[index]!, h.pids);
        results[h.label].push(result);
        console.log(`  ${h.label} ${scenario.name}: ${fmt(result.requests / result.seconds)} req/s`);
      }
    }
    clearInterval(sampling);
    console.log(`\n${victims.toLocaleString('en')} victims; load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} after the last scenario.\n`);
    console.log(`Guarded (the hub as deployed):\n\n${tables(results.guarded, Object.keys(guarded.pids))}\n`);
    console.log(
      `Unguarded (policy enforcement and access logging off: the benchmark's mode only):\n\n${tables(results.unguarded, Object.keys(unguarded.pids))}\n`,
    );
    console.log(`The guard's cost, on/off (target: at least ${GUARD_TARGET}):\n\n${guardTables(results.guarded, results.unguarded)}\n`);
    console.log(`Guarded, through Hive Gateway (the same subgraphs; "gateway" is the Hive process):\n\n${tables(results.hive, Object.keys(hive.pids))}\n`);
    console.log(`The two gateways in front of the same guarded subgraphs:\n\n${gatewayTables(results.guarded, results.hive)}`);
    if (!withCpu) console.log('\n(no /proc here: CPU times and memory are not measured)');
    return { victims, results: results.guarded, unguarded: results.unguarded, hive: results.hive, rssMaxMb };
  } finally {
    await Promise.all([...hubs].map(async (h) => {
      await h.stop();
      hubs.delete(h);
    }));
    await guarded.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
