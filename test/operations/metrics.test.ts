/**
 * Issue 12, point 2: every service, the gateway included, exposes Prometheus metrics through prom-client —
 * parsed here with a real exposition-format parser: process metrics, request latency per operation and per
 * subgraph, access-log write latency, consent look-up latency and policy denials by code.
 */
import { Agency, Purpose, Role, subgraphNames } from '@hub/shared';
import { queryAs } from '../support/client';
import { type Scrape, counterValue, histogramCount, scrape, seriesValue } from '../support/metrics';

const services = ['gateway', ...subgraphNames];
const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };

// A coordinator reads immigration's reflection period: refused (CONSENT_REQUIRED) unless a consent opens it.
const caseload = `query OpsMetricsCaseload { victims(first: 30) { edges { node { id alias reflectionPeriod { endsAt } } } } }`;

it('every service answers /metrics in the Prometheus text format, with HELP, TYPE and process metrics', async () => {
  for (const service of services) {
    const { families } = await scrape(service);
    const byName = new Map(families.map((family) => [family.name, family]));
    expect({ service, cpu: byName.get('process_cpu_seconds_total')?.type }).toEqual({ service, cpu: 'COUNTER' });
    expect(byName.get('process_resident_memory_bytes')?.type).toBe('GAUGE');
    expect(byName.get('nodejs_eventloop_lag_seconds')?.type).toBe('GAUGE');
    expect(byName.get('hub_graphql_request_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(byName.get('hub_access_log_write_duration_seconds')?.type).toBe('HISTOGRAM');
    for (const family of families) expect({ name: family.name, help: family.help.length > 0 }).toEqual({ name: family.name, help: true });
  }
});

it('measures a request per operation and subgraph, its access-log writes, consent look-ups and denials by code', async () => {
  const before = Object.fromEntries(await Promise.all(services.map(async (s) => [s, await scrape(s)] as const)));
  const response = await queryAs<{ victims: { edges: unknown[] } }>(coordinator, caseload);
  expect(response.data?.victims.edges).toHaveLength(30);
  const refused = (response.errors ?? []).filter((e) => e.extensions?.code === 'CONSENT_REQUIRED' && e.path?.includes('reflectionPeriod'));
  expect(refused.length).toBeGreaterThan(0);
  const after = Object.fromEntries(await Promise.all(services.map(async (s) => [s, await scrape(s)] as const)));
  const delta = (service: string, read: (scraped: Scrape) => number): number =>
    read(after[service]!) - read(before[service]!);

  // The gateway: one observation for the operation (with errors), one per subgraph call, one operation record.
  expect(delta('gateway', (f) => histogramCount(f, 'hub_graphql_request_duration_seconds', { operation: 'OpsMetricsCaseload', outcome: 'ERRORS' }))).toBe(1);
  expect(delta('gateway', (f) => histogramCount(f, 'hub_subgraph_request_duration_seconds', { subgraph: 'coordination', outcome: 'ok' }))).toBeGreaterThanOrEqual(1);
  expect(delta('gateway', (f) => histogramCount(f, 'hub_subgraph_request_duration_seconds', { subgraph: 'immigration', outcome: 'ok' }))).toBe(1);
  expect(delta('gateway', (f) => histogramCount(f, 'hub_access_log_write_duration_seconds', { kind: 'OPERATION', outcome: 'ok' }))).toBe(1);
  expect(delta('gateway', (f) => seriesValue(f, 'hub_graphql_request_duration_seconds_bucket', { operation: 'OpsMetricsCaseload', le: '+Inf' }))).toBe(1);

  // Each subgraph asked: its access records written once, its consent look-up timed.
  for (const subgraph of ['coordination', 'immigration']) {
    expect(delta(subgraph, (f) => histogramCount(f, 'hub_access_log_write_duration_seconds', { kind: 'FIELD_ACCESS', outcome: 'ok' }))).toBe(1);
    expect(delta(subgraph, (f) => histogramCount(f, 'hub_graphql_request_duration_seconds', { outcome: 'OK' }) + histogramCount(f, 'hub_graphql_request_duration_seconds', { outcome: 'ERRORS' }))).toBeGreaterThanOrEqual(1);
  }
  expect(delta('coordination', (f) => histogramCount(f, 'hub_consent_lookup_duration_seconds', { source: 'local', outcome: 'ok' }))).toBeGreaterThanOrEqual(1);
  expect(delta('immigration', (f) => histogramCount(f, 'hub_consent_lookup_duration_seconds', { source: 'remote', outcome: 'ok' }))).toBe(1);
  // One denied record per victim whose reflection period was refused.
  expect(delta('immigration', (f) => counterValue(f, 'hub_policy_denials_total', { code: 'CONSENT_REQUIRED' }))).toBe(refused.length);
  // Subgraphs the query did not need were not asked.
  expect(delta('health', (f) => counterValue(f, 'hub_graphql_requests_total'))).toBe(0);
});
