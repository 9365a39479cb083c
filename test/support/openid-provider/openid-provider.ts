import { join } from 'node:path';
import type { ClientMetadata } from 'oidc-provider';
import { type ServiceLogLine, startServiceProcess } from '@hub/shared/src/local/service-process';
import type { ProviderSetup } from './openid-provider-process';

/** A running `oidc-provider` (see openid-provider-process.ts) and what a test does with it. */
export interface OpenIdProvider {
  /** `http://127.0.0.1:<port>`: the issuer, and where its discovery document is. */
  issuer: string;
  /** Replaces clients, accounts, claims or token lifetimes (new clients forget sessions and grants). */
  configure: (setup: Partial<ProviderSetup>) => Promise<void>;
  /** Puts a new signing key first (tokens are signed with it from now on); the old one stays published. Returns the kids; sessions are forgotten. */
  rotateKeys: () => Promise<string[]>;
  /** The provider's discovery document. */
  metadata: () => Promise<Record<string, string>>;
  /** An access token for a machine client (client credentials, client_secret_basic). */
  clientCredentialsToken: (clientId: string, secret: string) => Promise<string>;
  logs: ServiceLogLine[];
  stop: () => Promise<void>;
}

/** A confidential machine client (an agency system) that gets tokens with client credentials. */
export const machineClient = (clientId: string, secret: string): ClientMetadata => ({
  client_id: clientId,
  client_secret: secret,
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
});

export async function startOpenIdProvider(setup: Partial<ProviderSetup>): Promise<OpenIdProvider> {
  const logs: ServiceLogLine[] = [];
  const process = await startServiceProcess({
    name: 'openid-provider',
    entry: join(__dirname, 'openid-provider-process.ts'),
    env: {},
    onLog: (line) => logs.push(line),
    startTimeoutMs: 60_000,
  });
  const issuer = process.url;
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  };
  const metadata = async () => (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  const provider: OpenIdProvider = {
    issuer,
    configure: async (changes) => {
      await post('/test/configure', changes);
    },
    rotateKeys: async () => ((await post('/test/rotate-keys', {})) as { kids: string[] }).kids,
    metadata,
    clientCredentialsToken: async (clientId, secret) => {
      const response = await fetch((await metadata()).token_endpoint!, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'hub' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`no token for ${clientId}: ${body.error} ${body.error_description ?? ''}`);
      return body.access_token;
    },
    logs,
    stop: () => process.stop(),
  };
  await provider.configure(setup);
  return provider;
}
