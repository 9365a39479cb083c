import type { Victim } from './victim';

/** `_entities` for Victim: a stub for every id; the access history decides on its own. */
export const victimReference = {
  Victim: {
    __resolveReference: (reference: { id: string }): Victim => ({ id: reference.id }),
  },
};
