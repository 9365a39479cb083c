/**
 * The shape of a pseudonymous victim id (`v-` and hex digits, e.g. `v-1a2b3c4d`). An id of any other shape
 * names no victim: it is answered like an unknown id and never reaches a database.
 */
export const VICTIM_ID = /^v-[0-9a-f]{8,24}$/;

export const isVictimId = (id: string): boolean => VICTIM_ID.test(id);
