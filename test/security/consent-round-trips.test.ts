/**
 * A subgraph learns the consents of every victim a request touches through ONE batched look-up to
 * coordination per request — not one per victim or per field — and asks again on the next request
 * (nothing cached). Counted with coordination's `hub_victim_facts_lookups_total{caller="<subgraph>"}`.
 */
import { Agency, Purpose, Role } from '@hub/shared';
import { type GraphQLResponse, counter, queryAs } from '../support/client';

const consulting = ['police', 'immigration', 'social-services', 'health', 'child-welfare'] as const;
const series = (subgraph: string): string => `hub_victim_facts_lookups_total{caller="${subgraph}"}`;

/** Coordination's look-up counter for each subgraph, and the GraphQL requests each subgraph accepted. */
async function counters(): Promise<{ lookups: Record<string, number>; calls: Record<string, number> }> {
  const lookups = await Promise.all(consulting.map((name) => counter('coordination', series(name))));
  const calls = await Promise.all(consulting.map((name) => counter(name, 'hub_graphql_requests_authenticated_total')));
  return {
    lookups: Object.fromEntries(consulting.map((name, i) => [name, lookups[i]!])),
    calls: Object.fromEntries(consulting.map((name, i) => [name, calls[i]!])),
  };
}

/** Look-ups each subgraph made, and calls it received, while `request` ran; printed. */
async function lookupsDuring<T>(label: string, request: () => Promise<GraphQLResponse<T>>) {
  const before = await counters();
  const response = await request();
  const after = await counters();
  const delta = Object.fromEntries(consulting.map((name) => [name, after.lookups[name]! - before.lookups[name]!]));
  const calls = Object.fromEntries(consulting.map((name) => [name, after.calls[name]! - before.calls[name]!]));
  console.log(`${label}: consent look-ups per subgraph (before → after), and calls the subgraph received\n${consulting
    .map((name) => `  ${name}: ${before.lookups[name]} → ${after.lookups[name]} (+${delta[name]}), ${calls[name]} call(s)`)
    .join('\n')}`);
  return { response, delta, calls };
}

const caseloadQuery = `{ victims(first: 50) { edges { node {
  id alias
  cooperatesWithPolice investigations { status } testimonies { court }
  reflectionPeriod { endsAt } permits { type decision } voluntaryReturn { id }
  placements { from } assistanceMeasures { kind } acceptedAssistance
  healthSummary { hasGp assessmentDone }
  guardian { appointedAt } childWelfareMeasures { kind }
} } } }`;

interface Caseload {
  victims: { edges: { node: { id: string; cooperatesWithPolice: boolean | null; reflectionPeriod: unknown; healthSummary: unknown } }[] };
}

const emergency = {
  agency: Agency.COORDINATION,
  role: Role.COORDINATOR,
  purpose: Purpose.EMERGENCY,
  justification: 'Consent round-trip test: national alert on a missing minor',
};
const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };

describe('consent look-ups per request', () => {
  it('makes at most one look-up per subgraph for an EMERGENCY caseload of 50 victims across five agencies', async () => {
    const { response, delta, calls } = await lookupsDuring('EMERGENCY caseload of 50', () => queryAs<Caseload>(emergency, caseloadQuery));
    const nodes = response.data?.victims.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(50);
    // EMERGENCY opens these categories: the subgraphs really resolved the 50 victims.
    expect(nodes.every((n) => n.cooperatesWithPolice !== null && n.healthSummary !== null)).toBe(true);
    for (const name of consulting) expect({ name, atMostOne: delta[name]! <= 1 }).toEqual({ name, atMostOne: true });
    expect(calls).toEqual(Object.fromEntries(consulting.map((name) => [name, 1])));
  });

  it('makes exactly one look-up per subgraph for a consent-based caseload of 50, and one more on the next request (nothing cached)', async () => {
    const first = await lookupsDuring('consent-based caseload of 50, first request', () => queryAs<Caseload>(coordinator, caseloadQuery));
    expect(first.response.data?.victims.edges).toHaveLength(50);
    expect(first.delta).toEqual(Object.fromEntries(consulting.map((name) => [name, 1])));
    expect(first.calls).toEqual(Object.fromEntries(consulting.map((name) => [name, 1])));

    const second = await lookupsDuring('consent-based caseload of 50, second request', () => queryAs<Caseload>(coordinator, caseloadQuery));
    expect(second.delta).toEqual(Object.fromEntries(consulting.map((name) => [name, 1])));
  });

  it('makes one look-up per subgraph per gateway request even when @requires makes the gateway call a subgraph twice', async () => {
    // The planner fetches immigration twice here (reflectionPeriod, then the eligibility that needs police's
    // testifiedInCourt): both calls share the request's one look-up.
    const { response, delta, calls } = await lookupsDuring('caseload of 50 with permanentResidenceEligibility (@requires testifiedInCourt)', () =>
      queryAs(coordinator, '{ victims(first: 50) { edges { node { id testifiedInCourt reflectionPeriod { endsAt } permanentResidenceEligibility { eligible } } } } }'),
    );
    expect(response.status).toBe(200);
    expect(calls.police).toBeGreaterThan(0);
    expect(calls.immigration).toBeGreaterThan(1);
    expect({ police: delta.police, immigration: delta.immigration }).toEqual({ police: 1, immigration: 1 });
  });
});
