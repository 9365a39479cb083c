import { join } from 'node:path';
import { type SubgraphName, defaultPorts, serviceUrlVariable, subgraphNames } from '@hub/shared';

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  claims: { subject: string; agency: string; role: string; regions: string };
}

export interface GatewayConfig {
  port: number;
  host: string;
  /** `local`: embedded token issuer, introspection on. `production`: an OIDC issuer, introspection and suggestions off. */
  mode: 'local' | 'production';
  keysDir: string;
  dataDir: string;
  /** The access log, through the insert-only role (operation records). */
  auditDatabaseUrl: string;
  supergraphPath: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** Set in production mode (and optionally in local mode to use a real identity provider). */
  oidc: OidcSettings | null;
  /** The operations a client may run: with `enforce` (always in production) only those of the manifest. */
  trustedDocuments: { manifestPath: string; enforce: boolean };
}

export const LOCAL_ISSUER = 'urn:support-path-hub:local-issuer';
export const LOCAL_AUDIENCE = 'support-path-hub';

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** Reads the gateway's settings from the environment (see README, "Configuration"). */
export function readGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const mode = env.HUB_MODE === 'production' || env.NODE_ENV === 'production' ? 'production' : 'local';
  const dataDir = env.HUB_DATA_DIR ?? join(__dirname, '../../.data');
  const oidc: OidcSettings | null = env.OIDC_ISSUER
    ? {
        issuer: env.OIDC_ISSUER,
        audience: env.OIDC_AUDIENCE ?? LOCAL_AUDIENCE,
        jwksUrl: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/jwks.json`,
        claims: {
          subject: env.OIDC_CLAIM_SUBJECT ?? 'sub',
          agency: env.OIDC_CLAIM_AGENCY ?? 'agency',
          role: env.OIDC_CLAIM_ROLE ?? 'role',
          regions: env.OIDC_CLAIM_REGIONS ?? 'regions',
        },
      }
    : null;
  if (mode === 'production' && !oidc) throw new Error('Production mode needs OIDC_ISSUER (and OIDC_AUDIENCE, OIDC_JWKS_URL)');
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((name) => [
      name,
      env[serviceUrlVariable(name)] ?? `http://127.0.0.1:${defaultPorts[name]}/graphql`,
    ]),
  ) as Record<SubgraphName, string>;
  const enforceDocuments = env.HUB_TRUSTED_DOCUMENTS ?? (mode === 'production' ? 'enforce' : 'open');
  if (enforceDocuments !== 'enforce' && enforceDocuments !== 'open') throw new Error('HUB_TRUSTED_DOCUMENTS must be enforce or open');
  if (mode === 'production' && enforceDocuments !== 'enforce') throw new Error('Production mode runs only trusted documents: HUB_TRUSTED_DOCUMENTS=open is for local mode');
  return {
    port: env.PORT === undefined ? defaultPorts.gateway : Number(env.PORT),
    host: env.HOST ?? '127.0.0.1',
    mode,
    keysDir: env.HUB_KEYS_DIR ?? join(dataDir, 'keys'),
    auditDatabaseUrl: required(env, 'AUDIT_WRITER_URL'),
    dataDir,
    supergraphPath: env.HUB_SUPERGRAPH ?? join(__dirname, '../supergraph.graphql'),
    subgraphUrls,
    oidc,
    trustedDocuments: {
      manifestPath: env.HUB_TRUSTED_DOCUMENTS_MANIFEST ?? join(__dirname, '../trusted-documents/manifest.json'),
      enforce: enforceDocuments === 'enforce',
    },
  };
}
