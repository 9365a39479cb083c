import { HubError } from '../errors/hub-error';
import { roleAgencies, statisticsRule } from '../policy/access-policy';
import type { SubgraphContext } from '../subgraph/subgraph-context';

/**
 * Refuses a statistics query unless the caller's role reads statistics (`statisticsRule`) and states a
 * statistics purpose. Aggregates are national: no victim is read, so regions do not narrow them.
 */
export function requireStatistics(ctx: Pick<SubgraphContext, 'caller'>): void {
  const { caller } = ctx;
  if (!roleAgencies[caller.role]?.includes(caller.agency)) {
    throw new HubError('FORBIDDEN', `Role ${caller.role} does not exist in agency ${caller.agency}`);
  }
  if (!statisticsRule.roles.includes(caller.role)) {
    throw new HubError('FORBIDDEN', `Statistics are not open to role ${caller.role}`);
  }
  if (!statisticsRule.purposes.includes(caller.purpose)) {
    throw new HubError('FORBIDDEN', `Statistics are read for purpose ${statisticsRule.purposes.join(' or ')}, not ${caller.purpose}`);
  }
}
