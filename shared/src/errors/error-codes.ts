/**
 * The closed set of error codes a client may see in `extensions.code`.
 * `docs/error-codes.md` is generated from this table; a test fails when it is stale.
 */
export const errorCodes = {
  UNAUTHENTICATED: 'No valid bearer token (or, at a subgraph, no valid hub assertion).',
  FORBIDDEN: 'The caller may not read this field or take this action for the stated purpose.',
  CONSENT_REQUIRED: "Reading this field needs the victim's active consent naming the caller's agency, the category and the purpose.",
  BAD_USER_INPUT: 'The input is invalid; nothing was written. `extensions.field` names the offending input where there is one.',
  NOT_FOUND: 'The victim or record named in the input does not exist.',
  CONFLICT: 'The action contradicts the current state (for example a full shelter, or a reflection period already granted); nothing was written.',
  PURPOSE_REQUIRED: 'The request has no x-purpose header, an unknown purpose, or EMERGENCY without a justification of at least 20 characters.',
  MAX_DEPTH_EXCEEDED: 'Request limit: the operation nests deeper than allowed.',
  MAX_ALIASES_EXCEEDED: 'Request limit: the operation uses more aliases than allowed.',
  MAX_DIRECTIVES_EXCEEDED: 'Request limit: the operation uses more directives than allowed.',
  COST_LIMIT_EXCEEDED: 'Request limit: the operation would cost more than allowed.',
  MAX_TOKENS_EXCEEDED: 'Request limit: the operation document has more tokens than allowed.',
  PAYLOAD_TOO_LARGE: 'Request limit: the request body is larger than allowed.',
  TRUSTED_DOCUMENT_REQUIRED: 'This gateway (production mode) runs only operations registered in its trusted-documents manifest; send a registered `documentId`, or register the operation (README, "Trusted documents").',
  PERSISTED_QUERY_NOT_FOUND: 'The `documentId` or APQ hash is not known to this gateway; an APQ client resends the request with the query text.',
  AUDIT_UNAVAILABLE: 'The access log could not be written, so no personal data was returned.',
  SUBGRAPH_UNAVAILABLE: "An agency's service did not answer in time or could not be reached; `extensions.service` names it. In a query its part of the answer is null and the rest is served; an action that depends on it writes nothing. A field whose consent look-up got no answer is refused with it (`service`: coordination).",
  RATE_LIMITED: 'Too many requests from this identity or address; `retry-after` says when to try again.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; the request id in x-request-id finds it in the logs.',
} as const;

export type ErrorCode = keyof typeof errorCodes;
export const ErrorCode = Object.fromEntries(Object.keys(errorCodes).map((k) => [k, k])) as {
  readonly [K in ErrorCode]: K;
};
