// Coded errors of the hub, in plain sentences. The code is always shown too, so staff can quote it.
import { h } from './dom.js';

const sentences = {
  UNAUTHENTICATED: 'You are not signed in, or your sign-in has expired. Sign in again.',
  FORBIDDEN: 'Your role may not see this for the purpose of use you chose.',
  CONSENT_REQUIRED: 'The victim has not consented to share this with your agency for this purpose.',
  PURPOSE_REQUIRED: 'Choose a purpose of use. EMERGENCY also needs a written justification of at least 20 characters.',
  AUDIT_UNAVAILABLE: 'The access log could not be written, so the hub returned no personal data. Try again in a moment.',
  BAD_USER_INPUT: 'The hub refused the input; nothing was changed.',
  NOT_FOUND: 'The hub found no such record.',
  CONFLICT: 'That contradicts the current state of the record; nothing was changed.',
  GRAPHQL_VALIDATION_FAILED: 'The hub does not offer this data (yet): the query is not part of its schema.',
  GRAPHQL_PARSE_FAILED: 'The console sent a request the hub could not read.',
  MAX_DEPTH_EXCEEDED: 'The request went beyond the hub’s request limits.',
  MAX_ALIASES_EXCEEDED: 'The request went beyond the hub’s request limits.',
  MAX_DIRECTIVES_EXCEEDED: 'The request went beyond the hub’s request limits.',
  COST_LIMIT_EXCEEDED: 'The request went beyond the hub’s request limits.',
  MAX_TOKENS_EXCEEDED: 'The request went beyond the hub’s request limits.',
  PAYLOAD_TOO_LARGE: 'The request went beyond the hub’s request limits.',
  INTERNAL_SERVER_ERROR: 'Something went wrong in the hub. Quote the request id when you report it.',
  NETWORK_ERROR: 'The hub could not be reached. Check the connection and try again.',
};

/** Short texts for a field the policy withholds. */
const fieldSentences = {
  FORBIDDEN: 'Not available to your role for this purpose',
  CONSENT_REQUIRED: 'Not shared: no consent for your agency and purpose',
  AUDIT_UNAVAILABLE: 'Withheld: the access log is unavailable',
};

/** An error the API answered (or a transport failure), with its code. */
export class ApiError extends Error {
  constructor({ code, message, requestId, status, path }) {
    super(message || code);
    this.code = code || 'INTERNAL_SERVER_ERROR';
    this.requestId = requestId ?? null;
    this.status = status ?? null;
    this.path = path ?? null;
  }
}

export const sentenceFor = (code) => sentences[code] ?? 'The hub refused the request.';

/** A block for a failed request or section: sentence, code, the hub's own message and the request id. */
export function errorBox(error, extra) {
  const code = error?.code ?? 'INTERNAL_SERVER_ERROR';
  const message = error?.message && error.message !== code ? error.message : null;
  return h(
    'div',
    { class: 'error', role: 'alert', dataset: { code } },
    h('strong', null, sentenceFor(code)),
    ' ',
    h('span', { class: 'code' }, `(${code})`),
    message ? h('span', { class: 'detail' }, `Hub says: ${message}`) : null,
    error?.requestId ? h('span', { class: 'request' }, `Request id: ${error.requestId}`) : null,
    extra ?? null,
  );
}

/** Inline text for one withheld field: never a crash, never a value. */
export function deniedText(error) {
  const code = error?.code ?? 'FORBIDDEN';
  return h('span', { class: 'denied', dataset: { code } }, `${fieldSentences[code] ?? sentenceFor(code)} (${code})`);
}

/** The error of `path` (or of a field under it) in a partial answer. */
export function errorAt(errors, path) {
  const found = (errors ?? []).find(
    (e) => Array.isArray(e.path) && path.every((part, i) => part === '*' || e.path[i] === part),
  );
  if (!found) return null;
  return new ApiError({ code: found.extensions?.code, message: found.message, path: found.path });
}
