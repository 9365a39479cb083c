/**
 * One agency down is a partial answer, not an HTTP 500: with any one subgraph unreachable (connection refused)
 * or stuck (no answer within the gateway's subgraph timeout), every query gets the other agencies' data and a
 * SUBGRAPH_UNAVAILABLE error naming the missing service on the missing part; the hub recovers by itself when
 * the service is back. (With the audit store down the hub fails closed instead: test/audit/fail-closed.test.ts.)
 *
 * The test runs a gateway of its own whose subgraph URLs go through fault proxies, so the shared test hub is
 * never disturbed.
 */
import { Agency, Purpose, Role, subgraphNames, serviceUrlVariable } from '@hub/shared';
import { type GraphQLResponse, post, tokenFor } from '../support/client';
import { type FaultMode, type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { testHub } from '../support/hub-info';
import { type ProductionGateway, startLocalGateway } from '../support/production-gateway';

const SUBGRAPH_TIMEOUT_MS = 4_000;
const emergency = {
  agency: Agency.COORDINATION,
  role: Role.COORDINATOR,
  purpose: Purpose.EMERGENCY,
  justification: 'Victim reported missing by the safe house; threat to life',
};
/** One field of each agency subgraph, on the caseload's first victims. */
const agencyFields: Record<string, string> = {
  police: 'investigations { status }',
  immigration: 'reflectionPeriod { endsAt }',
  'social-services': 'placements { from }',
  health: 'healthSummary { hasGp }',
  'child-welfare': 'guardian { appointedAt }',
};
const fieldName = (selection: string): string => selection.split(' ')[0]!;
const caseload = `{ victims(first: 3) { edges { node { id alias supportPath { stage } ${Object.values(agencyFields).join(' ')} } } } }`;
/** A query rooted in social services, which must not need coordination. */
const shelters = '{ shelters { id capacity } }';
/** A query reaching the audit subgraph: a victim's access history, read by a coordinator. */
const history = (id: string) => `{ victim(id: "${id}") { id alias accessHistory { at purpose } } }`;

type Caseload = { victims: { edges: { node: Record<string, unknown> }[] } | null };

let gateway: ProductionGateway;
const proxies: Record<string, FaultProxy> = {};

async function ask<T>(query: string, who: { agency: Agency; role: Role; purpose: Purpose; justification?: string } = emergency): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(who)}`, 'x-purpose': who.purpose };
  if (who.justification) headers['x-justification'] = who.justification;
  return post<T>(gateway.url, { query }, headers);
}

const unavailable = (response: GraphQLResponse): { code: unknown; service: unknown }[] =>
  (response.errors ?? []).map((e) => ({ code: e.extensions?.code, service: e.extensions?.service }));

beforeAll(async () => {
  for (const name of subgraphNames) proxies[name] = await startFaultProxy(testHub().services[name]!.url);
  gateway = await startLocalGateway({
    HUB_SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS),
    ...Object.fromEntries(subgraphNames.map((name) => [serviceUrlVariable(name), proxies[name]!.url])),
  });
  // A new gateway's first plans and connections are slow on a loaded machine: warm it up until it answers whole.
  for (let attempt = 0; attempt < 10 && ((await ask(caseload)).errors ?? []).length > 0; attempt++);
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  for (const proxy of Object.values(proxies)) await proxy.close();
});

const modes: FaultMode[] = ['down', 'hang'];

describe.each(modes)('with one agency subgraph %s', (mode) => {
  it.each(Object.keys(agencyFields))('%s: the other agencies answer, its fields are null with SUBGRAPH_UNAVAILABLE', async (name) => {
    const healthy = await ask<Caseload>(caseload);
    expect(healthy.errors ?? []).toEqual([]);
    await proxies[name]!.set(mode);
    try {
      const response = await ask<Caseload>(caseload);
      expect(response.status).toBe(200);
      const nodes = response.data!.victims!.edges.map((e) => e.node);
      expect(nodes).toHaveLength(3);
      for (const node of nodes) {
        expect(typeof node.alias).toBe('string');
        expect(node[fieldName(agencyFields[name]!)]).toBeNull();
        for (const [other, selection] of Object.entries(agencyFields)) {
          if (other !== name) expect(node[fieldName(selection)]).toEqual(healthy.data!.victims!.edges.find((e) => e.node.id === node.id)!.node[fieldName(selection)]);
        }
      }
      expect(new Set(unavailable(response).map((e) => JSON.stringify(e)))).toEqual(new Set([JSON.stringify({ code: 'SUBGRAPH_UNAVAILABLE', service: name })]));
      expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|ECONN|fetch|socket/i);
    } finally {
      await proxies[name]!.set('forward');
    }
    // Back by itself: the very next request is whole again.
    expect((await ask<Caseload>(caseload)).errors ?? []).toEqual([]);
  });

  it('coordination: a caseload is null with SUBGRAPH_UNAVAILABLE, a query of another agency still answers', async () => {
    await proxies.coordination!.set(mode);
    try {
      const response = await ask<Caseload>(caseload);
      expect(response.status).toBe(200);
      expect(response.data?.victims ?? null).toBeNull();
      expect(unavailable(response)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', service: 'coordination' }]);
      const other = await ask<{ shelters: unknown[] }>(shelters, { agency: Agency.SOCIAL_SERVICES, role: Role.CASEWORKER, purpose: Purpose.SOCIAL_ASSISTANCE });
      expect(other.errors ?? []).toEqual([]);
      expect(other.data!.shelters.length).toBeGreaterThan(0);
    } finally {
      await proxies.coordination!.set('forward');
    }
    expect((await ask<Caseload>(caseload)).errors ?? []).toEqual([]);
  });

  it('audit: the victim is answered, the access history is null with SUBGRAPH_UNAVAILABLE', async () => {
    const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
    const first = await ask<Caseload>(caseload);
    const id = String(first.data!.victims!.edges[0]!.node.id);
    await proxies.audit!.set(mode);
    try {
      const response = await ask<{ victim: { alias: string; accessHistory: unknown } }>(history(id), coordinator);
      expect(response.status).toBe(200);
      expect(typeof response.data!.victim.alias).toBe('string');
      expect(response.data!.victim.accessHistory).toBeNull();
      expect(unavailable(response)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', service: 'audit' }]);
    } finally {
      await proxies.audit!.set('forward');
    }
    expect((await ask(history(id), coordinator)).errors ?? []).toEqual([]);
  });
});
