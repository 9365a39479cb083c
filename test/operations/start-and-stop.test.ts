/**
 * Issue 12, points 1 and 7, on a hub started the way people start it — `npm start`, here on a free port
 * range (`HUB_PORT_BASE`) with its data in a temporary folder:
 * - with the standard OTEL_* variables pointing at an OTLP/HTTP receiver in this test, one request is one
 *   trace (continuing the caller's W3C trace context) across the gateway, every subgraph it touched and their
 *   PostgreSQL statements, and no span holds a token, a justification or a personal value;
 * - SIGTERM, SIGINT and SIGHUP to npm stop the launcher, every service and PostgreSQL: no process and no
 *   listener is left;
 * - a port already in use stops the start with a message naming the port and HUB_PORT_BASE.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { type Server, createServer as createHttpServer } from 'node:http';
import { type Server as NetServer, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LocalIssuer } from '@hub/gateway/src/auth/local-issuer';
import { Agency, Purpose, Role, serviceEntry, subgraphNames } from '@hub/shared';
import { post } from '../support/client';

const repo = resolve(__dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-test-'));
const SERVICES = 10; // gateway, seven subgraphs, PostgreSQL, the witness: base … base+9

const portFree = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });

/** A base port with the ten ports above it free. */
async function freeBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 400) * 100;
    const free = await Promise.all(Array.from({ length: SERVICES }, (_, i) => portFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

interface StartedHub {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const started: StartedHub[] = [];

function npmStart(env: Record<string, string>): StartedHub {
  const npm = spawn('npm', ['start'], { cwd: repo, env: { ...process.env, HUB_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  npm.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  npm.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const hub = { npm, output: () => text, exited: new Promise<number | null>((done) => npm.once('exit', (code) => done(code))) };
  started.push(hub);
  return hub;
}

async function running(hub: StartedHub): Promise<void> {
  const until = Date.now() + 240_000;
  while (!hub.output().includes('The support-path hub is running')) {
    if (hub.npm.exitCode !== null || Date.now() > until) throw new Error(`npm start did not come up:\n${hub.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Signals npm as `to` says — alone (a supervisor's or an IDE's stop) or its whole process group (Ctrl-C, a
 * closed terminal) — then checks that nothing of the hub is left.
 */
async function stopsEverything(hub: StartedHub, base: number, signal: NodeJS.Signals, to: 'npm' | 'group'): Promise<void> {
  const tree = descendants(hub.npm.pid!);
  const commands = tree.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  // The gateway, every subgraph and the access log's witness, each its compiled entry under plain node: no
  // process of the hub runs a TypeScript loader.
  const entries = (['gateway', 'witness', ...subgraphNames] as const).map((name) => join(repo, serviceEntry(name)));
  expect(commands.filter((c) => entries.some((entry) => c.split('\0').includes(entry)))).toHaveLength(subgraphNames.length + 2);
  expect(commands.filter((c) => /swc|\.ts\b/.test(c))).toEqual([]);
  expect(commands.some((c) => c.includes('postgres'))).toBe(true);
  if (to === 'npm') hub.npm.kill(signal);
  else process.kill(-hub.npm.pid!, signal);
  await hub.exited;
  const until = Date.now() + 30_000;
  while (tree.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  expect(tree.filter(alive)).toEqual([]);
  const listening = await Promise.all(Array.from({ length: SERVICES }, (_, i) => accepts(base + i)));
  expect(listening.map((open, i) => (open ? base + i : null)).filter(Boolean)).toEqual([]);
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP (JSON) trace receiver on a free port. */
function otlpReceiver(): Promise<{ server: Server; url: string; spans: (OtlpSpan & { service: string })[] }> {
  const spans: (OtlpSpan & { service: string })[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = JSON.parse(body) as {
        resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const resourceSpans of request.resourceSpans) {
        const service = resourceSpans.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans })));
}

afterAll(async () => {
  for (const hub of started) {
    if (hub.npm.exitCode === null) {
      try {
        process.kill(-hub.npm.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start with tracing on', () => {
  let base: number;
  let hub: StartedHub;
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    base = await freeBase();
    hub = npmStart({
      HUB_PORT_BASE: String(base),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    await running(hub);
  }, 300_000);

  afterAll(() => new Promise<void>((done) => receiver.server.close(() => done())));

  it('makes one request one trace across the gateway, each subgraph it touched and PostgreSQL, without personal values', async () => {
    const token = await (await LocalIssuer.open(dataDir)).issue({ sub: 'ops-trace-test', agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [] }, 300);
    const justification = `Victim missing from the safe house, case ${randomBytes(4).toString('hex')}`;
    const traceId = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    const response = await post<{ victims: { edges: { node: Record<string, unknown> }[] } }>(
      `http://localhost:${base}/graphql`,
      { query: 'query OpsTraced { victims(first: 5) { edges { node { id alias birthYear reflectionPeriod { endsAt } healthSummary { hasGp } } } } }' },
      { authorization: `Bearer ${token}`, 'x-purpose': Purpose.EMERGENCY, 'x-justification': justification, traceparent: `00-${traceId}-${clientSpan}-01` },
    );
    expect(response.status).toBe(200);
    const aliases = response.data!.victims.edges.map((e) => String(e.node.alias));
    expect(aliases).toHaveLength(5);

    const services = ['hub-gateway', 'hub-coordination', 'hub-immigration', 'hub-health'];
    const until = Date.now() + 20_000;
    const ofTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    while (Date.now() < until && !services.every((name) => ofTrace().some((s) => s.service === name && s.name.startsWith('pg') === false))) {
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1000)); // the last batches
    const spans = ofTrace();
    const touched = new Set(spans.map((s) => s.service));
    for (const name of services) expect([...touched]).toContain(name);
    // Police, child welfare and audit had nothing to do with this query, and are not in its trace.
    expect([...touched].filter((s) => !services.includes(s))).toEqual([]);
    // One tree: every span's parent is a span of the trace, but the root, whose parent is the caller's span.
    const ids = new Set(spans.map((s) => s.spanId));
    const roots = spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
    expect(roots.map((s) => [s.service, s.parentSpanId])).toEqual([['hub-gateway', clientSpan]]);
    // PostgreSQL statements appear under the subgraphs that issued them.
    const attribute = (s: OtlpSpan, key: string) => s.attributes?.find((a) => a.key === key)?.value;
    for (const name of ['hub-coordination', 'hub-immigration', 'hub-health']) {
      const postgres = spans.filter((s) => s.service === name && (attribute(s, 'db.system.name') ?? attribute(s, 'db.system'))?.stringValue === 'postgresql');
      expect({ name, postgresSpans: postgres.length > 0 }).toEqual({ name, postgresSpans: true });
    }
    // Nothing personal in any span of any trace the receiver got.
    const everything = JSON.stringify(receiver.spans);
    expect([token, justification, ...aliases].filter((value) => everything.includes(value))).toEqual([]);
  });

  it('stops the launcher, every service and PostgreSQL on SIGTERM to npm', async () => {
    await stopsEverything(hub, base, 'SIGTERM', 'npm');
  });
});

// A terminal sends Ctrl-C's SIGINT, and SIGHUP when it closes, to the whole foreground process group.
describe.each(['SIGINT', 'SIGHUP'] as const)('npm start, then %s to its process group', (signal) => {
  it('stops the launcher, every service and PostgreSQL', async () => {
    const base = await freeBase();
    const hub = npmStart({ HUB_PORT_BASE: String(base) });
    await running(hub);
    await stopsEverything(hub, base, signal, 'group');
  }, 300_000);
});

it('refuses to start on a busy port, naming it and HUB_PORT_BASE, and leaves nothing running', async () => {
  const base = await freeBase();
  const squatter: NetServer = createServer();
  await new Promise<void>((done) => squatter.listen(base + 3, '127.0.0.1', () => done()));
  try {
    const hub = npmStart({ HUB_PORT_BASE: String(base) });
    const code = await hub.exited;
    expect(code).not.toBe(0);
    expect(hub.output()).toContain(`Port ${base + 3} (immigration) is already in use`);
    expect(hub.output()).toContain('HUB_PORT_BASE=');
    expect(hub.output()).not.toMatch(/could not bind/i);
    expect(descendants(hub.npm.pid!)).toEqual([]);
  } finally {
    await new Promise<void>((done) => squatter.close(() => done()));
  }
});
