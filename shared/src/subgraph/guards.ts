import type { DataCategory } from '../domain/enums';
import { HubError } from '../errors/hub-error';
import { decideWrite } from '../policy/decide';
import type { SubgraphContext } from './subgraph-context';

/** Refuses a request (a mutation goes through `agencyMutation`, which asks `decideWrite` itself) unless the caller's agency owns `category` and states a purpose within its mandate. */
export function requireWrite(ctx: SubgraphContext, category: DataCategory): void {
  const decision = decideWrite(ctx.caller, category);
  if (!decision.allow) throw new HubError(decision.code, `Not allowed: ${decision.reason}`, { category });
}
