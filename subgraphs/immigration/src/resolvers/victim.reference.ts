import type { Victim } from './victim';

/**
 * `_entities` for Victim: a stub for every id, whether or not immigration holds anything, so that the
 * answer never tells who is known to the immigration authority. Each field then decides access on its own.
 * The only thing kept from the representation is `testifiedInCourt`, which the gateway adds for `@requires`.
 */
export const victimReference = {
  Victim: {
    __resolveReference: (reference: { id: string; testifiedInCourt?: unknown }): Victim => ({
      id: reference.id,
      testifiedInCourt: typeof reference.testifiedInCourt === 'boolean' ? reference.testifiedInCourt : null,
    }),
  },
};
