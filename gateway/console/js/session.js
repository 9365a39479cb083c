// The signed-in user's token, purpose of use and justification: kept in sessionStorage only (gone with the tab).
import { settings } from './settings.js';

const KEYS = {
  token: 'hub.console.token',
  purpose: 'hub.console.purpose',
  justification: 'hub.console.justification',
  refreshToken: 'hub.console.refresh-token',
  idToken: 'hub.console.id-token',
};
const listeners = new Set();

/** Decodes a JWT's payload for display only (the gateway verifies it; the console never trusts it). */
function decodePayload(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      [...atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '='))]
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    return JSON.parse(json);
  } catch {
    return {};
  }
}

let claimNames = { subject: 'sub', agency: 'agency', role: 'role', regions: 'regions' };
export function setClaimNames(names) {
  if (names) claimNames = { ...claimNames, ...names };
}

export const session = {
  get token() {
    return sessionStorage.getItem(KEYS.token);
  },
  get purpose() {
    return sessionStorage.getItem(KEYS.purpose) ?? '';
  },
  get justification() {
    return sessionStorage.getItem(KEYS.justification) ?? '';
  },
  get refreshToken() {
    return sessionStorage.getItem(KEYS.refreshToken);
  },
  get idToken() {
    return sessionStorage.getItem(KEYS.idToken);
  },
  /** Who the token names, as far as the console can tell (display and navigation only). */
  get identity() {
    const token = this.token;
    if (!token) return null;
    const claims = decodePayload(token);
    const regions = claims[claimNames.regions];
    return {
      sub: claims[claimNames.subject] ?? '',
      agency: claims[claimNames.agency] ?? '',
      role: claims[claimNames.role] ?? '',
      regions: Array.isArray(regions) ? regions : [],
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
  },
  get signedIn() {
    const identity = this.identity;
    // An expired access token with a refresh token is still a sign-in: the next request refreshes it.
    return Boolean(identity && (this.refreshToken || !identity.expiresAt || identity.expiresAt > new Date()));
  },
  signIn(token, purpose, justification, { refreshToken = null, idToken = null } = {}) {
    this.setTokens({ token, refreshToken, idToken });
    this.setPurpose(purpose, justification);
  },
  /** Replaces the tokens (after a refresh) without telling the listeners: nothing the user sees changes. */
  setTokens({ token, refreshToken, idToken }) {
    sessionStorage.setItem(KEYS.token, token);
    for (const [key, value] of [[KEYS.refreshToken, refreshToken], [KEYS.idToken, idToken]]) {
      if (value) sessionStorage.setItem(key, value);
      else if (value === null) sessionStorage.removeItem(key);
    }
  },
  setPurpose(purpose, justification = '') {
    sessionStorage.setItem(KEYS.purpose, purpose);
    if (purpose === 'EMERGENCY' && justification) sessionStorage.setItem(KEYS.justification, justification);
    else sessionStorage.removeItem(KEYS.justification);
    for (const listener of listeners) listener();
  },
  signOut({ silent = false } = {}) {
    for (const key of Object.values(KEYS)) sessionStorage.removeItem(key);
    if (!silent) for (const listener of listeners) listener();
  },
  onChange(listener) {
    listeners.add(listener);
  },
};

/** The purpose a role normally works under (from the agency registry): preselected, never imposed. */
export function usualPurpose(agency, role) {
  return settings().usualPurposes[agency]?.[role] ?? 'CASE_COORDINATION';
}
