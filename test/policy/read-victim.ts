import { type AccessDecision, DataCategory, type HubCaller, Purpose, decide } from '@hub/shared';
import { type Identity, queryAs } from '../support/client';
import { VICTIM_SELECTION, compare, victimChecks } from './matrix-probes';
import { type FixtureRecords, type VictimSpec, victimContext } from './victim-fixtures';

export type Asker = Identity & { purpose: Purpose; justification?: string };

export const EMERGENCY_JUSTIFICATION = 'Policy test: patrol reports imminent danger to life';

/** The caller a subgraph sees for `asker`, as the gateway vouches for it in the hub assertion. */
export const callerOf = (asker: Asker): HubCaller => ({
  sub: asker.sub ?? `${asker.agency.toLowerCase()}-${asker.role.toLowerCase()}-test`,
  agency: asker.agency,
  role: asker.role,
  regions: asker.regions ?? [],
  purpose: asker.purpose,
  justification: asker.justification ?? null,
  requestId: 'policy-test',
  via: 'gateway',
});

/** What `decide()` says for every category about a fixture victim, from the facts that were inserted. */
export const decisionsFor = (caller: HubCaller, spec: VictimSpec, now: Date): Record<DataCategory, AccessDecision> =>
  Object.fromEntries(Object.values(DataCategory).map((c) => [c, decide(caller, c, victimContext(spec), now)])) as Record<
    DataCategory,
    AccessDecision
  >;

/**
 * Reads every probe field of one fixture victim through the gateway and compares the answer with `decide()`:
 * `problems` lists every disagreement (empty when the stack does what the policy says).
 */
export async function readVictim(asker: Asker, spec: VictimSpec, records: FixtureRecords) {
  const who = asker.purpose === Purpose.EMERGENCY ? { justification: EMERGENCY_JUSTIFICATION, ...asker } : asker;
  const response = await queryAs<{ v: Record<string, unknown> | null }>(who, `query ReadVictim { v: victim(id: "${spec.id}") { ${VICTIM_SELECTION} } }`);
  const decisions = decisionsFor(callerOf(who), spec, new Date());
  const { checks, unreachable } = victimChecks('v', spec, records, decisions);
  const problems = [...compare(response, checks, `${who.agency} ${who.role} ${who.purpose} on ${spec.alias}`), ...unreachable];
  return { response, decisions, problems };
}
