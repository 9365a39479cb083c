/**
 * `_entities` for `Victim` in an agency subgraph: a stub for every id, whether or not the agency holds anything,
 * so that the answer never tells who is known to it. Each field then decides access on its own. Of the
 * representation only `id` is kept, and the fields named in `required` — those the gateway adds for a `@requires`
 * of this subgraph (another agency's answer, already decided under the caller's rights there).
 */
export function victimReference(...required: string[]) {
  return {
    Victim: {
      __resolveReference: (reference: { id: string } & Record<string, unknown>): { id: string } & Record<string, unknown> => ({
        id: reference.id,
        ...Object.fromEntries(required.map((field) => [field, reference[field] ?? null])),
      }),
    },
  };
}
