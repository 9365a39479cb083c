/**
 * Issue 12, point 3: `/livez` says the process answers; `/readyz` says it can serve — it fails (503, naming
 * the check) while the service's database, the audit store or its keys are unusable, and recovers by
 * itself when they are back.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { subgraphNames } from '@hub/shared';
import { postgresUrl, testHub } from '../support/hub-info';
import { counterValue, scrape } from '../support/metrics';
import { codes, queryAs } from '../support/client';
import { Agency, KEEP_ALIVE_MS, Purpose, Role } from '@hub/shared';

const services = ['gateway', ...subgraphNames];
const base = (service: string): string => testHub().services[service]!.url.replace(/\/graphql$/, '');

interface Readiness {
  status: string;
  service: string;
  checks: Record<string, string>;
}

async function readiness(service: string): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${base(service)}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

/** Polls until `expected` holds (pools notice a lost connection on their next use). */
async function eventually<T>(read: () => Promise<T>, expected: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (expected(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function asSuperuser(database: string, sql: string[]): Promise<void> {
  const db = new Client({ connectionString: postgresUrl(database) });
  await db.connect();
  try {
    for (const statement of sql) await db.query(statement);
  } finally {
    await db.end();
  }
}

it('every service is live and ready, with its checks named', async () => {
  for (const service of services) {
    const live = await fetch(`${base(service)}/livez`);
    expect({ service, status: live.status }).toEqual({ service, status: 200 });
    const ready = await readiness(service);
    const expected = service === 'gateway' ? { auditStore: 'ok', keys: 'ok' } : { database: 'ok', auditStore: 'ok', keys: 'ok' };
    expect({ service, ...ready }).toEqual({ service, status: 200, body: { status: 'ready', service, checks: expected } });
  }
});

it('every service keeps idle sockets open longer than any client does (no request meets a socket being closed)', async () => {
  // Node's default of 5 s raced clients whose event loop was busy when their own 4 s idle timer was due: the
  // next request went out on a socket the server was closing and failed with "other side closed".
  const announced: Record<string, string | null> = {};
  for (const service of services) announced[service] = (await fetch(`${base(service)}/livez`)).headers.get('keep-alive');
  expect(announced).toEqual(Object.fromEntries(services.map((s) => [s, `timeout=${KEEP_ALIVE_MS / 1000}`])));
});

it('is not ready anywhere while the audit store refuses the services, and counts the failed writes', async () => {
  const failuresBefore = counterValue(await scrape('coordination'), 'hub_access_log_failures_total', { kind: 'FIELD_ACCESS' });
  await asSuperuser('hub_audit', [
    'ALTER ROLE hub_audit_writer NOLOGIN',
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'hub_audit_writer'`,
  ]);
  try {
    for (const service of services) {
      const ready = await eventually(() => readiness(service), (r) => r.status === 503);
      expect({ service, status: ready.status, auditStore: ready.body.checks.auditStore }).toEqual({ service, status: 503, auditStore: 'failed' });
      expect((await fetch(`${base(service)}/livez`)).status).toBe(200);
    }
    const refused = await queryAs({ agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION }, '{ victims(first: 1) { edges { node { alias } } } }');
    expect(codes(refused)).toContain('AUDIT_UNAVAILABLE');
    expect(counterValue(await scrape('coordination'), 'hub_access_log_failures_total', { kind: 'FIELD_ACCESS' })).toBe(failuresBefore + 1);
  } finally {
    await asSuperuser('hub_audit', ['ALTER ROLE hub_audit_writer LOGIN']);
  }
  for (const service of services) expect((await eventually(() => readiness(service), (r) => r.status === 200)).status).toBe(200);
});

it("is not ready while the subgraph's own database refuses connections, and only that subgraph", async () => {
  await asSuperuser('postgres', [
    'ALTER DATABASE hub_police ALLOW_CONNECTIONS false',
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'hub_police'`,
  ]);
  try {
    const police = await eventually(() => readiness('police'), (r) => r.status === 503);
    expect([police.status, police.body.checks]).toEqual([503, { database: 'failed', auditStore: 'ok', keys: 'ok' }]);
    expect((await readiness('immigration')).status).toBe(200);
  } finally {
    await asSuperuser('postgres', ['ALTER DATABASE hub_police ALLOW_CONNECTIONS true']);
  }
  expect((await eventually(() => readiness('police'), (r) => r.status === 200)).status).toBe(200);
});

it('is not ready while its signing key is missing', async () => {
  const key = join(testHub().keysDir, 'health.private.jwk.json');
  renameSync(key, `${key}.away`);
  try {
    const health = await readiness('health');
    expect([health.status, health.body.checks.keys]).toEqual([503, 'failed']);
    expect((await readiness('police')).status).toBe(200);
  } finally {
    renameSync(`${key}.away`, key);
  }
  expect((await readiness('health')).status).toBe(200);
});
