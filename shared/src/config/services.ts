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
  'audit',
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
  audit: 4007,
};

/** Database name of each subgraph in a shared PostgreSQL server (locally, and in docker compose). */
export const databaseName = (name: SubgraphName): string => `hub_${name.replace(/-/g, '_')}`;

/** `POLICE_DATABASE_URL`, `SOCIAL_SERVICES_DATABASE_URL`, … — points one service at an external PostgreSQL. */
export const databaseUrlVariable = (name: SubgraphName): string =>
  `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;

/** `POLICE_URL`, … — where the gateway and other services reach a subgraph. */
export const serviceUrlVariable = (name: SubgraphName): string =>
  `${name.toUpperCase().replace(/-/g, '_')}_URL`;

/**
 * The standard OpenTelemetry variables every service reads (shared/src/observability/tracing.ts), all optional
 * and defined by the OpenTelemetry specification, so not repeated in the per-service lists below.
 */
export const tracingEnvironment = [
  'OTEL_SDK_DISABLED',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_SERVICE_NAME',
  'OTEL_METRICS_EXPORTER',
  'OTEL_LOGS_EXPORTER',
  'OTEL_PROPAGATORS',
] as const;

/**
 * Variables every subgraph process reads (`shared/src/subgraph/run-subgraph.ts`, the logger).
 * Required: DATABASE_URL, AUDIT_WRITER_URL, HUB_KEYS_DIR; HUB_DEMO_AS_OF when HUB_DEMO_SEED is set.
 * The rest have defaults; HUB_SMALL_CELL_K (statistics) must be the same in every subgraph.
 * (`HUB_EXIT_WITH_PARENT` is set only by the local launcher for its child processes, and is not listed.)
 */
export const subgraphEnvironment = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'AUDIT_WRITER_URL',
  'HUB_KEYS_DIR',
  'COORDINATION_INTERNAL_URL',
  'HUB_DEMO_SEED',
  'HUB_DEMO_AS_OF',
  'HUB_SMALL_CELL_K',
  'LOG_LEVEL',
] as const;

/** Variables one subgraph reads beyond `subgraphEnvironment` (all optional). */
export const subgraphOwnEnvironment: Partial<Record<SubgraphName, readonly string[]>> = {
  audit: ['HUB_AUDIT_CHECKPOINT_SECONDS'],
};

/**
 * Variables the gateway process reads (`gateway/src/config.ts`, `gateway/src/console/console-routes.ts`, the
 * logger), beyond each subgraph's `<NAME>_URL`. Required: AUDIT_WRITER_URL; production mode (HUB_MODE or
 * NODE_ENV = production) needs OIDC_ISSUER. The rest have defaults. The web console's sign-in with an OIDC
 * issuer (authorization code + PKCE) needs OIDC_AUTHORIZATION_ENDPOINT, OIDC_TOKEN_ENDPOINT and OIDC_CLIENT_ID.
 */
export const gatewayEnvironment = [
  'PORT',
  'HOST',
  'HUB_KEYS_DIR',
  'HUB_DATA_DIR',
  'AUDIT_WRITER_URL',
  'HUB_SUPERGRAPH',
  'HUB_MODE',
  'NODE_ENV',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URL',
  'OIDC_CLAIM_SUBJECT',
  'OIDC_CLAIM_AGENCY',
  'OIDC_CLAIM_ROLE',
  'OIDC_CLAIM_REGIONS',
  'OIDC_AUTHORIZATION_ENDPOINT',
  'OIDC_TOKEN_ENDPOINT',
  'OIDC_CLIENT_ID',
  'LOG_LEVEL',
] as const;

/** The insert-only database role every service writes the access log with. */
export const AUDIT_WRITER_ROLE = 'hub_audit_writer';
