import type { GatewayConfig, OidcSettings } from '../config';

/** The fields of an OpenID Provider's metadata the gateway and its console use (OpenID Connect Discovery 1.0). */
interface ProviderMetadata {
  issuer?: unknown;
  jwks_uri?: unknown;
  authorization_endpoint?: unknown;
  token_endpoint?: unknown;
  end_session_endpoint?: unknown;
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * Reads the issuer's `/.well-known/openid-configuration` and fills in what was not set explicitly: the JWKS
 * address and the console's endpoints. The metadata must name the configured issuer exactly (Discovery §4.3).
 * Fails the start with a clear message when the issuer cannot be discovered and OIDC_JWKS_URL is not set.
 */
export async function discoverOidc(oidc: OidcSettings): Promise<OidcSettings> {
  let metadata: ProviderMetadata;
  try {
    const response = await fetch(oidc.discoveryUrl, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    metadata = (await response.json()) as ProviderMetadata;
  } catch (error) {
    if (oidc.jwksUrl) return oidc;
    throw new Error(`OIDC discovery failed at ${oidc.discoveryUrl} (${(error as Error).message}); set OIDC_JWKS_URL or fix OIDC_ISSUER`);
  }
  if (metadata.issuer !== oidc.issuer) {
    throw new Error(`OIDC discovery at ${oidc.discoveryUrl} names issuer ${String(metadata.issuer)}, not OIDC_ISSUER ${oidc.issuer}`);
  }
  const jwksUrl = oidc.jwksUrl ?? stringOrNull(metadata.jwks_uri);
  if (!jwksUrl) throw new Error(`OIDC discovery at ${oidc.discoveryUrl} gives no jwks_uri; set OIDC_JWKS_URL`);
  return {
    ...oidc,
    jwksUrl,
    console: {
      clientId: oidc.console.clientId,
      authorizationEndpoint: oidc.console.authorizationEndpoint ?? stringOrNull(metadata.authorization_endpoint),
      tokenEndpoint: oidc.console.tokenEndpoint ?? stringOrNull(metadata.token_endpoint),
      endSessionEndpoint: oidc.console.endSessionEndpoint ?? stringOrNull(metadata.end_session_endpoint),
    },
  };
}

/** The configuration with its OIDC settings discovered (unchanged without an issuer). */
export const withDiscoveredOidc = async (config: GatewayConfig): Promise<GatewayConfig> =>
  config.oidc ? { ...config, oidc: await discoverOidc(config.oidc) } : config;
