/**
 * `_entities` for `Victim` in an agency subgraph: a stub for every id, whether or not the agency holds anything,
 * so that the answer never tells who is known to it. Each field then decides access on its own.
 */
export const victimReference = {
  Victim: {
    __resolveReference: (reference: { id: string }): { id: string } => ({ id: reference.id }),
  },
};
