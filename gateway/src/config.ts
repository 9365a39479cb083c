import { join } from 'node:path';
import { Role, type SubgraphName, defaultPorts, serviceUrlVariable, subgraphNames } from '@hub/shared';

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
  /** Roles whose tokens may carry no regions claim, and then mean national access (`HUB_NATIONAL_ROLES`). */
  nationalRoles: Role[];
  /** How long the gateway waits for a subgraph before its part of the answer is SUBGRAPH_UNAVAILABLE. */
  subgraphTimeoutMs: number;
  /** Requests per minute one identity (token subject), and one address without a valid token, may send. */
  rateLimits: { perIdentity: number; perAnonymousAddress: number };
}

export const LOCAL_ISSUER = 'urn:support-path-hub:local-issuer';
export const LOCAL_AUDIENCE = 'support-path-hub';

const positiveInteger = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
};

const roleList = (env: NodeJS.ProcessEnv, name: string): Role[] => {
  const roles = (env[name] ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(Object.values(Role) as string[]).includes(r));
  if (unknown.length > 0) throw new Error(`${name} names unknown roles: ${unknown.join(', ')} (known: ${Object.values(Role).join(', ')})`);
  return roles as Role[];
};

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
    nationalRoles: roleList(env, 'HUB_NATIONAL_ROLES'),
    subgraphTimeoutMs: positiveInteger(env, 'HUB_SUBGRAPH_TIMEOUT_MS', 15_000),
    rateLimits: {
      perIdentity: positiveInteger(env, 'HUB_RATE_LIMIT_PER_MINUTE', 600),
      perAnonymousAddress: positiveInteger(env, 'HUB_ANONYMOUS_RATE_LIMIT_PER_MINUTE', 60),
    },
  };
}
