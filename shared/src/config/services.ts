/**
 * The hub's services: one place for names, default ports and environment variables, used by the
 * local launcher, the end-to-end tests and (checked by a test) docker-compose.yml.
 */
export const subgraphNames = [
  'coordination',
  'police',
  'immigration',
  'social-services',
  'health',
  'child-welfare',
] as const;

export type SubgraphName = (typeof subgraphNames)[number];
export type ServiceName = SubgraphName | 'gateway';

export const defaultPorts: Record<ServiceName, number> = {
  gateway: 4000,
  coordination: 4001,
  police: 4002,
  immigration: 4003,
  'social-services': 4004,
  health: 4005,
  'child-welfare': 4006,
};

/** Database name of each subgraph in a shared PostgreSQL server (locally, and in docker compose). */
export const databaseName = (name: SubgraphName): string => `hub_${name.replace(/-/g, '_')}`;

/** `POLICE_DATABASE_URL`, `SOCIAL_SERVICES_DATABASE_URL`, … — points one service at an external PostgreSQL. */
export const databaseUrlVariable = (name: SubgraphName): string =>
  `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;

/** `POLICE_URL`, … — where the gateway and other services reach a subgraph. */
export const serviceUrlVariable = (name: SubgraphName): string =>
  `${name.toUpperCase().replace(/-/g, '_')}_URL`;

/** Variables every subgraph process reads. */
export const subgraphEnvironment = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'HUB_KEYS_DIR',
  'COORDINATION_URL',
  'HUB_DEMO_SEED',
  'HUB_DEMO_AS_OF',
  'LOG_LEVEL',
] as const;

/** Variables the gateway process reads (beyond each subgraph's `<NAME>_URL`). */
export const gatewayEnvironment = [
  'PORT',
  'HOST',
  'HUB_KEYS_DIR',
  'HUB_SUPERGRAPH',
  'HUB_MODE',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URL',
  'LOG_LEVEL',
] as const;
