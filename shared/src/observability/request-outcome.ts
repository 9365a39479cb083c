/** What one request came to, as its log line and metrics tell it: names and codes, never values. */
export interface RequestOutcome {
  operationName: string | null;
  /** `OK`, `ERRORS` (an answer with errors) or `REFUSED` (stopped before any resolver ran). */
  outcome: 'OK' | 'ERRORS' | 'REFUSED';
  codes: string[];
}

// Keyed by the request's caller object (the same object from the HTTP middleware into the GraphQL context)
// or by the HTTP request itself, and dropped with it.
const outcomes = new WeakMap<object, RequestOutcome>();

export function noteOutcome(key: object, outcome: RequestOutcome): void {
  outcomes.set(key, outcome);
}

export function outcomeOf(...keys: (object | undefined)[]): RequestOutcome | undefined {
  for (const key of keys) {
    const outcome = key && outcomes.get(key);
    if (outcome) return outcome;
  }
  return undefined;
}

/** Error codes a client may see as they are; anything else is an unexpected failure. */
export const isExpectedErrorCode = (code: unknown, known: Record<string, unknown>): boolean =>
  typeof code === 'string' && (code in known || code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST' || code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'PERSISTED_QUERY_NOT_SUPPORTED');
