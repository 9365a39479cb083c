// The console's only way to data: the public GraphQL API, with the user's token and purpose of use.
import { ApiError } from './errors.js';
import { session } from './session.js';

export const GRAPHQL_URL = '/graphql';
/** Gets a new access token when the hub refuses the current one (OIDC refresh); resolves whether it did. */
let refresher = null;
let refreshing = null;
export const setTokenRefresher = (refresh) => {
  refresher = refresh;
};
/** One refresh at a time: parallel requests refused together share it (a refresh token is single-use). */
const refreshOnce = () => {
  refreshing ??= Promise.resolve(refresher ? refresher() : false).finally(() => {
    refreshing = null;
  });
  return refreshing;
};
let minJustification = 20;
export const setMinJustification = (n) => {
  minJustification = n;
};

/**
 * Runs one operation. Resolves `{ data, errors, requestId }` when the hub answered with data (possibly with
 * field-level errors for withheld fields); throws an ApiError when it answered no data at all.
 */
export async function graphql(query, variables = {}, { retried = false } = {}) {
  const token = session.token;
  const purpose = session.purpose;
  if (!token) throw new ApiError({ code: 'UNAUTHENTICATED', message: 'Not signed in' });
  if (!purpose) throw new ApiError({ code: 'PURPOSE_REQUIRED', message: 'No purpose of use chosen' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose };
  if (purpose === 'EMERGENCY') {
    const justification = session.justification.trim();
    if (justification.length < minJustification) {
      throw new ApiError({ code: 'PURPOSE_REQUIRED', message: `EMERGENCY needs a justification of at least ${minJustification} characters` });
    }
    headers['x-justification'] = justification;
  }
  let response;
  try {
    response = await fetch(GRAPHQL_URL, { method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'omit' });
  } catch (error) {
    throw new ApiError({ code: 'NETWORK_ERROR', message: error?.message });
  }
  const requestId = response.headers.get('x-request-id');
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError({ code: 'INTERNAL_SERVER_ERROR', message: `HTTP ${response.status}`, requestId, status: response.status });
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  if (body?.data === null || body?.data === undefined) {
    const first = errors[0];
    if (response.status === 401 && !retried && (await refreshOnce())) return graphql(query, variables, { retried: true });
    const error = new ApiError({
      code: first?.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR'),
      message: first?.message,
      requestId,
      status: response.status,
    });
    if (error.code === 'UNAUTHENTICATED') window.dispatchEvent(new CustomEvent('hub:unauthenticated'));
    throw error;
  }
  return { data: body.data, errors, requestId };
}
