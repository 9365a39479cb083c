/**
 * `npm run bench`: starts a hub of its own (embedded PostgreSQL, demo caseload, free ports), then measures
 * the gateway on the coordinating unit's typical operations and prints figures. Bounded: a fixed number of
 * requests at a fixed concurrency, loopback only. Options: --requests N (default 300), --concurrency C (8).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalIssuer } from '@hub/gateway/src/auth/local-issuer';
import { Agency, Purpose, Role, subgraphNames } from '@hub/shared';
import { launchHub } from '@hub/shared/src/local/launch-hub';

const scenarios = [
  {
    name: 'caseload page (20 victims, 4 subgraphs)',
    identity: { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION },
    query: `{ victims(first: 20) { totalCount edges { node { id alias region minor supportPath { stage nextDeadline { kind dueAt } alerts { kind } } reflectionPeriod { endsAt } healthSummary { hasGp } } } } }`,
  },
  {
    name: 'caseload filtered by alert',
    identity: { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION },
    query: `{ victims(first: 20, filter: { alert: NO_HEALTH_ASSESSMENT }) { totalCount edges { node { id alias } } } }`,
  },
  {
    name: 'emergency caseload, 100 victims, all subgraphs',
    identity: {
      agency: Agency.COORDINATION,
      role: Role.COORDINATOR,
      purpose: Purpose.EMERGENCY,
      justification: 'Benchmark of the break-glass path on demo data',
    },
    query: `{ victims(first: 100) { edges { node { id alias investigations { status } reflectionPeriod { endsAt } placements { from } healthSummary { hasGp } guardian { appointedAt } supportPath { stage } } } } }`,
  },
] as const;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function metric(url: string, series: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { requests: { type: 'string' }, concurrency: { type: 'string' } } });
  const requests = Number(values.requests ?? 300);
  const concurrency = Number(values.concurrency ?? 8);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  console.log(`Starting a hub for the benchmark (data in ${dataDir}) …`);
  const hub = await launchHub({
    dataDir,
    ports: 'free',
    demo: { seed: 2009, asOf: new Date(new Date().toISOString().slice(0, 10)) },
    env: { LOG_LEVEL: 'warn' },
    onLog: (line) => {
      if (line.level === 'error' || line.level === 'fatal') console.error(`[${line.service}] ${line.message}`);
    },
  });
  try {
    const issuer = await LocalIssuer.open(dataDir);
    console.log(`\n${requests} requests per scenario, ${concurrency} at a time, on ${hub.gatewayUrl}\n`);
    console.log('scenario'.padEnd(48), 'req/s'.padStart(7), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'SQL/req'.padStart(8), 'log rec/req'.padStart(12));
    for (const scenario of scenarios) {
      const token = await issuer.issue({ sub: 'bench', agency: scenario.identity.agency, role: scenario.identity.role, regions: [] });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-purpose': scenario.identity.purpose,
      };
      if ('justification' in scenario.identity) headers['x-justification'] = scenario.identity.justification;
      const send = async () => {
        const started = performance.now();
        const response = await fetch(hub.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: scenario.query }) });
        const body = (await response.json()) as { data?: unknown };
        if (!response.ok || !body.data) throw new Error(`${scenario.name} failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        return performance.now() - started;
      };
      for (let i = 0; i < 10; i += 1) await send();
      const sqlBefore = await Promise.all(subgraphNames.map((n) => metric(hub.services[n]!.url, 'hub_sql_statements_total')));
      const logBefore = await Promise.all(subgraphNames.map((n) => metric(hub.services[n]!.url, 'hub_access_records_written_total')));
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < requests) {
            next += 1;
            latencies.push(await send());
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const sqlAfter = await Promise.all(subgraphNames.map((n) => metric(hub.services[n]!.url, 'hub_sql_statements_total')));
      const logAfter = await Promise.all(subgraphNames.map((n) => metric(hub.services[n]!.url, 'hub_access_records_written_total')));
      const sum = (a: number[], b: number[]) => a.reduce((t, v, i) => t + v - (b[i] ?? 0), 0);
      latencies.sort((a, b) => a - b);
      console.log(
        scenario.name.padEnd(48),
        (latencies.length / seconds).toFixed(1).padStart(7),
        percentile(latencies, 50).toFixed(1).padStart(8),
        percentile(latencies, 95).toFixed(1).padStart(8),
        percentile(latencies, 99).toFixed(1).padStart(8),
        (sum(sqlAfter, sqlBefore) / latencies.length).toFixed(1).padStart(8),
        (sum(logAfter, logBefore) / latencies.length).toFixed(1).padStart(12),
      );
    }
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
