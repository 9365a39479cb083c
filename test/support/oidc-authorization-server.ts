import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { type TestOidcProvider, startTestOidcProvider } from './oidc-provider';

/**
 * A minimal OAuth 2.0 / OIDC authorization server for browser tests of the console's sign-in: the
 * authorization-code flow with PKCE (RFC 7636, S256 only), for one registered public client. It signs in
 * one fixed identity without asking (auto-approval) and records every request, so tests can check what the
 * browser sent. Endpoints on 127.0.0.1 (a free port): `GET /authorize`, `POST /token` (with CORS for the
 * client's origin, since the browser calls it) and `GET /jwks` (from test/support/oidc-provider.ts).
 */
export interface AuthorizationRecord {
  /** The query the browser arrived with. */
  params: Record<string, string>;
  /** `code` when the server redirected back with a code; otherwise the error it answered. */
  outcome: string;
  code?: string;
}

export interface TokenRequestRecord {
  /** The Origin header: the browser's page origin for a cross-origin fetch. */
  origin: string | null;
  params: Record<string, string>;
  /** base64url(SHA-256(code_verifier)) equals the code's challenge (null: no known code was named). */
  verifierMatchesChallenge: boolean | null;
  /** `issued` or the OAuth error answered. */
  outcome: string;
  accessToken?: string;
}

export interface TestAuthorizationServer extends TestOidcProvider {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Registers the one client this server knows: its id and its exact redirect URI (whose origin gets CORS). */
  registerClient: (client: { clientId: string; redirectUri: string }) => void;
  /** The next successful authorization redirects back with another state than the one it was given. */
  tamperNextState: () => void;
  authorizations: AuthorizationRecord[];
  tokenRequests: TokenRequestRecord[];
}

/** What a PKCE client must send as code_challenge for this verifier (S256). */
export const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** RFC 7636 §4.1: 43–128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** A base64url SHA-256 digest without padding. */
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const CODE_TTL_MS = 60_000;

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
  used: boolean;
}

async function readBody(req: IncomingMessage, limit = 8192): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) throw new Error('request body too large');
  }
  return body;
}

export async function startTestAuthorizationServer(options: {
  issuer: string;
  audience: string;
  /** The claims of the identity every authorization signs in (access tokens carry exactly these). */
  identity: JWTPayload;
}): Promise<TestAuthorizationServer> {
  let client: { clientId: string; redirectUri: string; origin: string } | null = null;
  let tamper = false;
  const grants = new Map<string, Grant>();
  const authorizations: AuthorizationRecord[] = [];
  const tokenRequests: TokenRequestRecord[] = [];

  const authorize = (url: URL, res: ServerResponse): void => {
    const params = Object.fromEntries(url.searchParams);
    const record: AuthorizationRecord = { params, outcome: '' };
    authorizations.push(record);
    // Never redirect to an address the client did not register: answer here instead.
    if (!client || params.client_id !== client.clientId || params.redirect_uri !== client.redirectUri) {
      record.outcome = 'unknown client_id or redirect_uri';
      res.writeHead(400, { 'content-type': 'text/plain' }).end(record.outcome);
      return;
    }
    const back = new URL(client.redirectUri);
    const problem =
      params.response_type !== 'code'
        ? 'unsupported_response_type'
        : params.code_challenge_method !== 'S256' || !CHALLENGE.test(params.code_challenge ?? '') || !params.state
          ? 'invalid_request'
          : null;
    if (problem) {
      record.outcome = problem;
      back.searchParams.set('error', problem);
    } else {
      const code = randomBytes(24).toString('base64url');
      grants.set(code, { clientId: client.clientId, redirectUri: client.redirectUri, challenge: params.code_challenge!, expiresAt: Date.now() + CODE_TTL_MS, used: false });
      record.outcome = 'code';
      record.code = code;
      back.searchParams.set('code', code);
    }
    if (params.state) back.searchParams.set('state', tamper && !problem ? `${params.state}-tampered` : params.state);
    if (!problem) tamper = false;
    res.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' }).end();
  };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = req.headers.origin ?? null;
    const cors: Record<string, string> = { vary: 'Origin' };
    if (client && origin === client.origin) cors['access-control-allow-origin'] = origin;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '60' }).end();
      return;
    }
    const answer = (status: number, body: Record<string, unknown>) =>
      res.writeHead(status, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' }).end(JSON.stringify(body));
    const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
    const params = Object.fromEntries(new URLSearchParams(form ? await readBody(req) : ''));
    const grant = params.code ? grants.get(params.code) : undefined;
    const verifierMatchesChallenge = grant ? VERIFIER.test(params.code_verifier ?? '') && s256(params.code_verifier!) === grant.challenge : null;
    const record: TokenRequestRecord = { origin, params, verifierMatchesChallenge, outcome: '' };
    tokenRequests.push(record);
    const refusal = !form
      ? 'invalid_request'
      : params.grant_type !== 'authorization_code'
        ? 'unsupported_grant_type'
        : !grant || grant.used || grant.expiresAt < Date.now()
          ? 'invalid_grant'
          : params.client_id !== grant.clientId
            ? 'invalid_client'
            : params.redirect_uri !== grant.redirectUri || !verifierMatchesChallenge
              ? 'invalid_grant'
              : null;
    // A code is good for one attempt, right or wrong.
    if (grant) grant.used = true;
    if (refusal) {
      record.outcome = refusal;
      answer(400, { error: refusal });
      return;
    }
    record.accessToken = await server.sign(options.identity);
    record.outcome = 'issued';
    answer(200, { access_token: record.accessToken, token_type: 'Bearer', expires_in: 600, scope: 'openid' });
  };

  const server = await startTestOidcProvider({
    issuer: options.issuer,
    audience: options.audience,
    routes: async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/authorize') authorize(url, res);
      else if ((req.method === 'POST' || req.method === 'OPTIONS') && url.pathname === '/token') await token(req, res);
      else return false;
      return true;
    },
  });
  return {
    ...server,
    authorizationEndpoint: `${server.origin}/authorize`,
    tokenEndpoint: `${server.origin}/token`,
    registerClient: ({ clientId, redirectUri }) => {
      client = { clientId, redirectUri, origin: new URL(redirectUri).origin };
    },
    tamperNextState: () => {
      tamper = true;
    },
    authorizations,
    tokenRequests,
  };
}
