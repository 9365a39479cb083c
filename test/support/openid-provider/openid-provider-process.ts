/**
 * A real OpenID Provider for the tests: the certified `oidc-provider` package, run as its own process (it is an
 * ES module, and an identity provider is another system anyway). Announces its issuer like a hub service; the
 * test configures it over `POST /test/configure` (clients, staff accounts with their hub claims, token lifetimes)
 * and rotates its signing key with `POST /test/rotate-keys`. Sessions and grants live in the provider's
 * in-memory store: new clients or keys start a new one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type ClientMetadata, type Configuration, type JWK } from 'oidc-provider';
import { announceListening } from '@hub/shared';

/** What the test sets: each value the tokens' hub claims for a staff account or a machine client. */
export interface ProviderSetup {
  audience: string;
  clients: ClientMetadata[];
  /** Claims added to access tokens of a staff account (code flow) … */
  accounts: Record<string, Record<string, unknown>>;
  /** … and of a machine client (client credentials). */
  clientClaims: Record<string, Record<string, unknown>>;
  /** Access-token lifetime per client (default 300 s). */
  accessTokenTtl: Record<string, number>;
}

let setup: ProviderSetup = { audience: 'unset', clients: [], accounts: {}, clientClaims: {}, accessTokenTtl: {} };
const keys: JWK[] = [];
let provider: Provider;
let issuer = '';

async function newKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `key-${keys.length + 1}-${Date.now()}`, alg: 'ES256', use: 'sig' } as JWK;
}

function build(): Provider {
  const configuration: Configuration = {
    clients: setup.clients,
    clientDefaults: { id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code'], response_types: ['code'] },
    jwks: { keys },
    pkce: { required: () => true },
    // The console calls the token endpoint from the browser: CORS for the origins of a client's redirect URIs.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => setup.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, _resource, client) => ({
          scope: 'openid hub',
          audience: setup.audience,
          accessTokenTTL: setup.accessTokenTtl[client.clientId] ?? 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    scopes: ['openid', 'hub'],
    findAccount: (_ctx, id) => (setup.accounts[id] ? { accountId: id, claims: () => ({ sub: id }) } : undefined),
    extraTokenClaims: (_ctx, token) => {
      const accountId = 'accountId' in token ? token.accountId : undefined;
      return accountId ? setup.accounts[accountId] : setup.clientClaims[token.clientId ?? ''];
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    loadExistingGrant: async (ctx) => {
      // Staff sign in, then the hub's console gets its token without a consent screen: the organisation has
      // approved the console for everyone.
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid');
      grant.addResourceScope(setup.audience, 'openid hub');
      await grant.save();
      return grant;
    },
    ttl: { Session: 3600, Grant: 3600, RefreshToken: 3600, AuthorizationCode: 60, IdToken: 300, Interaction: 600 },
  };
  const built = new Provider(issuer, configuration);
  built.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${error.message}\n`));
  return built;
}

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || '{}');
};

async function control(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.url === '/test/configure') {
    const changes = (await readJson(req)) as Partial<ProviderSetup>;
    setup = { ...setup, ...changes };
    // Claims and lifetimes are read per token; only new clients need a new provider (which starts a new store).
    if (changes.clients) provider = build();
  } else if (req.url === '/test/rotate-keys') {
    keys.unshift(await newKey());
    provider = build();
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kids: keys.map((k) => k.kid) }));
}

async function main(): Promise<void> {
  keys.push(await newKey());
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/test/')) void control(req, res);
    else provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}`;
  provider = build();
  announceListening(issuer, port);
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

void main();
