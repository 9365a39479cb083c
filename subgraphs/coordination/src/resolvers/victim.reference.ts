import type { SubgraphContext } from '@hub/shared';
import type { Victim } from '../entities/victim';
import { coordinationRecords } from './coordination-records';

/**
 * `_entities` for Victim, batched per request. Like `victim(id)`, it never says whether an id is known:
 * an unknown id gets a bare `{ id }` whose fields are null; each field is still decided on its own.
 */
export const victimReference = {
  Victim: {
    __resolveReference: async (reference: { id: string }, ctx: SubgraphContext): Promise<Victim | { id: string }> =>
      (await coordinationRecords(ctx).victims.load(reference.id)) ?? { id: reference.id },
  },
};
