import type { DataCategory } from '../domain/enums';
import { HubError } from '../errors/hub-error';
import { decideWrite } from '../policy/decide';
import type { SubgraphContext } from './subgraph-context';

/** Refuses a request (a mutation goes through `agencyMutation`, which asks `decideWrite` itself) unless the caller's agency owns `category` and states a purpose within its mandate. */
export function requireWrite(ctx: SubgraphContext, category: DataCategory): void {
  const decision = decideWrite(ctx.caller, category);
  if (!decision.allow) throw new HubError(decision.code, `Not allowed: ${decision.reason}`, { category });
}

/**
 * Refuses a caller limited to regions a request over the records of every region that cannot be scoped to theirs
 * (the access log knows no victim's region): region limits hold for records about victims too.
 */
export function requireEveryRegion(ctx: SubgraphContext, what: string): void {
  if (ctx.caller.regions.length > 0) {
    throw new HubError('FORBIDDEN', `Not allowed: ${what} covers every region, and the caller is limited to ${ctx.caller.regions.join(', ')}`);
  }
}
