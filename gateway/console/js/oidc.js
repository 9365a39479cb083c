// OpenID Connect sign-in: the authorization-code flow with PKCE (S256), entirely in the browser.
// The verifier and state live in sessionStorage for the round trip only.

const PENDING = 'hub.console.oidc';

const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const randomString = (size = 32) => base64url(crypto.getRandomValues(new Uint8Array(size)));

export const redirectUri = () => `${location.origin}/console/`;

/** Sends the browser to the identity provider. The purpose chosen now is kept for after the return. */
export async function startOidcSignIn(oidc, purpose, justification) {
  if (!oidc?.authorizationEndpoint || !oidc?.tokenEndpoint || !oidc?.clientId) {
    throw new Error('OIDC sign-in is not configured: set OIDC_AUTHORIZATION_ENDPOINT, OIDC_TOKEN_ENDPOINT and OIDC_CLIENT_ID on the gateway.');
  }
  if (!crypto.subtle) throw new Error('This page is not in a secure context (https or localhost), so PKCE cannot be computed.');
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, purpose, justification }));
  const url = new URL(oidc.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

/** True when the page was opened by the identity provider's redirect. */
export const isOidcCallback = () => {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
};

/** Exchanges the code for a token; returns `{ token, purpose, justification }` or throws. Cleans the URL. */
export async function completeOidcSignIn(oidc) {
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', `${location.pathname}#/`);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  if (params.has('error')) throw new Error(`The identity provider refused the sign-in: ${params.get('error')}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer does not match the sign-in started here (state mismatch).');
  const response = await fetch(oidc.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
    credentials: 'omit',
  });
  const tokens = await readTokens(response);
  return { ...tokens, purpose: pending.purpose, justification: pending.justification };
}

/**
 * Only an access token is a bearer token for the hub; the ID token is kept for the sign-out (id_token_hint), and
 * the refresh token to get a new access token when the hub refuses an expired one.
 */
async function readTokens(response) {
  const body = await response.json().catch(() => ({}));
  const token = body.access_token;
  if (!response.ok || typeof token !== 'string') {
    throw new Error(`The identity provider gave no access token (${body.error ?? `HTTP ${response.status}`}).`);
  }
  return {
    token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    idToken: typeof body.id_token === 'string' ? body.id_token : null,
  };
}

/** Exchanges a refresh token for a new access token (and, when the provider rotates them, a new refresh token). */
export async function refreshOidcToken(oidc, refreshToken) {
  const response = await fetch(oidc.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: oidc.clientId }),
    credentials: 'omit',
  });
  const tokens = await readTokens(response);
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

/** Where the browser ends the provider's session (RP-initiated logout), or null when the provider has no such endpoint. */
export function oidcSignOutUrl(oidc, idToken) {
  if (!oidc?.endSessionEndpoint) return null;
  const url = new URL(oidc.endSessionEndpoint);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  return url.toString();
}
