import type { DataCategory } from '../domain/enums';
import { HubError, notFound } from '../errors/hub-error';
import { decideWrite } from '../policy/decide';
import type { SubgraphContext } from './subgraph-context';

/** Refuses a mutation unless the caller's agency owns `category` and states a purpose within its mandate. */
export function requireWrite(ctx: SubgraphContext, category: DataCategory): void {
  const decision = decideWrite(ctx.caller, category);
  if (!decision.allow) throw new HubError(decision.code, `Not allowed: ${decision.reason}`, { category });
}

/** Refuses a mutation about a victim the registry does not know, or outside the caller's regions. */
export async function requireVictim(ctx: SubgraphContext, victimId: string): Promise<void> {
  const facts = await ctx.access.facts(victimId);
  if (!facts) throw notFound('Victim', victimId);
  const { regions } = ctx.caller;
  if (regions.length > 0 && !regions.includes(facts.region)) {
    throw new HubError('FORBIDDEN', 'The victim is outside the regions of the caller');
  }
}
