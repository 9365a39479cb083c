import {
  type DataCategory,
  type HandoverPart,
  type HandoverPartRequest,
  HubError,
  type SubgraphContext,
  type SubgraphName,
  agencyEntries,
  heldCategories,
  defaultPorts,
  handoverSubgraphs,
  internalUrlVariable,
  signHubAssertion,
  serviceFetch,
} from '@hub/shared';

const internalUrl = (name: SubgraphName): string => process.env[internalUrlVariable(name)] ?? `http://127.0.0.1:${defaultPorts[name]}`;

/**
 * The categories each subgraph holds records of (the agency registry's `heldCategories`): its own, and for an agency
 * that handles cases its own rights-information records too, so that a package naming them gets every agency's.
 */
const ownedBy = (name: string): readonly string[] => {
  const entry = agencyEntries.find((e) => e.subgraph === name);
  return entry ? heldCategories(entry) : [];
};

const unavailable = (service: string): HubError =>
  new HubError('SUBGRAPH_UNAVAILABLE', `${service} could not produce its part of the hand-over; nothing was sent`, { service });

/** A part as `produceHandoverPart` answers it, and only of the categories asked of that subgraph. */
function checkedPart(name: string, value: unknown, asked: readonly DataCategory[]): HandoverPart {
  const part = (value as { part?: HandoverPart } | null)?.part;
  if (
    !part ||
    part.subgraph !== name ||
    typeof part.victim !== 'object' ||
    part.victim === null ||
    !Array.isArray(part.released) ||
    !Array.isArray(part.withheld) ||
    !Array.isArray(part.categories) ||
    !part.categories.every((c) => asked.includes(c))
  ) {
    throw unavailable(name);
  }
  return part;
}

/**
 * Asks every subgraph that owns one of the hand-over's categories for its part — coordination its own, in process;
 * each agency through its kit route `/internal/handover-part`, signed by coordination for this caller and request.
 * Each decides and logs in its own service; any that cannot answer stops the hand-over (fail closed).
 */
export async function collectHandoverParts(ctx: SubgraphContext, request: HandoverPartRequest): Promise<HandoverPart[]> {
  const own = ctx.handoverPart;
  if (!own) throw new Error('coordination produces its own hand-over part');
  const askedOf = (name: string): DataCategory[] => request.categories.filter((c) => ownedBy(name).includes(c));
  const agencies = handoverSubgraphs.filter((name) => askedOf(name).length > 0);
  const remote = agencies.map(async (name) => {
    const body = JSON.stringify({ ...request, categories: askedOf(name) });
    let answer: unknown;
    try {
      const assertion = await signHubAssertion(ctx.keys, name, ctx.caller, body);
      const response = await serviceFetch(`${internalUrl(name)}/internal/handover-part`, {
        method: 'POST',
        headers: { authorization: `Bearer ${assertion}`, 'content-type': 'application/json' },
        body,
        timeoutMs: 10_000,
      });
      if (!response.ok) throw new Error(`${name} answered ${response.status}`);
      answer = await response.json();
    } catch (error) {
      ctx.log.warn({ err: error, service: name, handoverId: request.handoverId }, 'hand-over part not produced');
      throw unavailable(name);
    }
    return checkedPart(name, answer, askedOf(name));
  });
  const coordination = askedOf('coordination').length > 0 ? [own({ ...request, categories: askedOf('coordination') })] : [];
  return Promise.all([...coordination, ...remote]);
}
