/**
 * The hub's services: names and default ports (from the agency registry, shared/src/agencies/agency-registry.ts)
 * and environment variables, used by the local launcher, the end-to-end tests and the deployment files that
 * `npm run deploy-files` generates (docker-compose.yml, deploy/; shared/src/deploy/).
 */
import { type RegistrySubgraph, WITNESS_PORT_OFFSET, subgraphEntries } from '../agencies/agency-registry';
import { compiledPath } from '../build/compiled-path';

export const subgraphNames = subgraphEntries.map((e) => e.subgraph) as RegistrySubgraph[];

export type SubgraphName = RegistrySubgraph;
export type ServiceName = SubgraphName | 'gateway';

/** The gateway on 4000, each subgraph on 4000 + its port offset in the agency registry. */
export const GATEWAY_DEFAULT_PORT = 4000;
export const defaultPorts = Object.fromEntries([
  ['gateway', GATEWAY_DEFAULT_PORT],
  ...subgraphEntries.map((e) => [e.subgraph, GATEWAY_DEFAULT_PORT + e.portOffset]),
]) as Record<ServiceName, number>;

/** Database name of each subgraph (on the local embedded server, and on its own server in a deployment). */
export const databaseName = (name: SubgraphName): string => `hub_${name.replace(/-/g, '_')}`;

/**
 * The login role a subgraph's deployment connects as: not a superuser, owner of the subgraph's database and of
 * nothing else, so it runs the migrations too (deploy/postgres/init.sh creates it). Named like the database.
 */
export const databaseOwnerRole = (name: SubgraphName): string => databaseName(name);

/** `POLICE_DATABASE_URL`, `SOCIAL_SERVICES_DATABASE_URL`, … — points one service at an external PostgreSQL. */
export const databaseUrlVariable = (name: SubgraphName): string =>
  `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;

/** `POLICE_URL`, … — where the gateway and other services reach a subgraph. */
export const serviceUrlVariable = (name: SubgraphName): string =>
  `${name.toUpperCase().replace(/-/g, '_')}_URL`;

/** `CHILD_WELFARE_INTERNAL_URL`, … — where coordination reaches a subgraph's internal (service-to-service) routes. */
export const internalUrlVariable = (name: SubgraphName): string =>
  `${name.toUpperCase().replace(/-/g, '_')}_INTERNAL_URL`;

/**
 * The subgraphs that keep case records about victims (an agency that handles cases, with categories of its own,
 * coordination aside): each produces its part of a cross-border hand-over, and coordination reaches each through
 * its `<NAME>_INTERNAL_URL` (child welfare's also answers whether a minor has an appointed guardian).
 */
export const handoverSubgraphs = subgraphEntries
  .filter((e) => e.subgraph !== 'coordination' && e.handlesCases && e.categories.length > 0)
  .map((e) => e.subgraph) as SubgraphName[];

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
 * DATABASE_PASSWORD_FILE and AUDIT_WRITER_PASSWORD_FILE name files holding the passwords of those URLs' roles
 * (mounted secrets; shared/src/config/database-url.ts). The rest have defaults; HUB_SMALL_CELL_K (statistics) must be the same in every subgraph.
 * (`HUB_EXIT_WITH_PARENT` is set only by the local launcher for its child processes, and is not listed.)
 */
export const subgraphEnvironment = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_PASSWORD_FILE',
  'AUDIT_WRITER_URL',
  'AUDIT_WRITER_PASSWORD_FILE',
  'HUB_KEYS_DIR',
  'COORDINATION_INTERNAL_URL',
  'HUB_DEMO_SEED',
  'HUB_DEMO_AS_OF',
  'HUB_DEMO_VICTIMS',
  'HUB_SMALL_CELL_K',
  'HUB_MIGRATE_ONLY',
  'LOG_LEVEL',
] as const;

/** Variables one subgraph reads beyond `subgraphEnvironment` (all optional). */
export const subgraphOwnEnvironment: Partial<Record<SubgraphName, readonly string[]>> = {
  audit: ['HUB_AUDIT_SEQUENCE_MS', 'HUB_WITNESS_URL', 'HUB_WITNESS_VKEY', 'HUB_WITNESS_VKEY_FILE'],
  // Where coordination reaches each agency subgraph: for the parts of a cross-border hand-over, and child welfare
  // also for whether a minor has an appointed guardian (guardian consent).
  coordination: handoverSubgraphs.map(internalUrlVariable),
};

/**
 * The access log's witness (`witness/`): a separate service with its own key and state folder, outside the log's
 * trust domain. It reads PORT, HOST, HUB_KEYS_DIR (only the audit service's public key), HUB_WITNESS_DIR,
 * HUB_WITNESS_NAME and LOG_LEVEL.
 */
export const WITNESS_DEFAULT_PORT = GATEWAY_DEFAULT_PORT + WITNESS_PORT_OFFSET;
/** The witness's key name in its cosignatures unless HUB_WITNESS_NAME names another. */
export const WITNESS_DEFAULT_NAME = 'witness.support-path-hub.local';
export const witnessEnvironment = ['PORT', 'HOST', 'HUB_KEYS_DIR', 'HUB_WITNESS_DIR', 'HUB_WITNESS_KEY_FILE', 'HUB_WITNESS_NAME', 'LOG_LEVEL'] as const;

/**
 * Variables the gateway process reads (`gateway/src/config.ts`, `gateway/src/console/console-routes.ts`, the
 * logger), beyond each subgraph's `<NAME>_URL`; what each means and which are required is in
 * `gatewaySettings` (gateway/src/config.ts), from which the README's table is generated.
 */
export const gatewayEnvironment = [
  'PORT',
  'HOST',
  'HUB_KEYS_DIR',
  'HUB_DATA_DIR',
  'AUDIT_WRITER_URL',
  'AUDIT_WRITER_PASSWORD_FILE',
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
  'OIDC_END_SESSION_ENDPOINT',
  'OIDC_MAX_TOKEN_LIFETIME_SECONDS',
  'HUB_TRUSTED_DOCUMENTS',
  'HUB_TRUSTED_DOCUMENTS_MANIFEST',
  'HUB_NATIONAL_ROLES',
  'CHROMIUM_PATH',
  'HUB_SUBGRAPH_TIMEOUT_MS',
  'HUB_RATE_LIMIT_PER_MINUTE',
  'HUB_ANONYMOUS_RATE_LIMIT_PER_MINUTE',
  'LOG_LEVEL',
] as const;

/**
 * `HUB_*` variables of the launcher, the tests and the deployment's database servers, which no service reads:
 * `HUB_DATABASE_*` and `HUB_AUDIT_WRITER_PASSWORD_FILE` are read by deploy/postgres/init.sh (generated by
 * shared/src/deploy/postgres-init.ts) in each database's PostgreSQL container.
 */
export const toolEnvironment = [
  'HUB_EXIT_WITH_PARENT',
  'HUB_TEST_INFO',
  'HUB_PORT_BASE',
  'HUB_DATABASE_NAME',
  'HUB_DATABASE_OWNER',
  'HUB_DATABASE_OWNER_PASSWORD_FILE',
  'HUB_AUDIT_WRITER_PASSWORD_FILE',
] as const;

/**
 * Every `HUB_*` variable some hub process or tool reads. A service refuses to start with another one (a
 * misspelling, or a setting that does not exist): add a new variable to its list above.
 */
export const knownHubVariables: readonly string[] = [
  ...new Set([
    ...subgraphEnvironment,
    ...Object.values(subgraphOwnEnvironment).flat(),
    ...gatewayEnvironment,
    ...witnessEnvironment,
    ...toolEnvironment,
  ]),
];

/** The insert-only database role every service writes the access log with. */
export const AUDIT_WRITER_ROLE = 'hub_audit_writer';

/** A service's TypeScript entry, from the repository's root (`src/index.ts` only starts it). */
export const serviceSource = (name: ServiceName | 'witness'): string =>
  name === 'gateway' ? 'gateway/src/index.ts' : name === 'witness' ? 'witness/src/index.ts' : `subgraphs/${name}/src/index.ts`;

/**
 * The file each service runs, from the repository's root: its entry compiled to JavaScript (`npm run build`,
 * shared/src/build/), started as `node <entry>` — locally (launch-hub.ts), in tests and in the image alike.
 */
export const serviceEntry = (name: ServiceName | 'witness'): string => compiledPath(serviceSource(name));

/**
 * The operational routes of the gateway and every subgraph (shared/src/observability/operational-routes.ts):
 * liveness (the process answers) and readiness (every dependency usable). The witness answers `/status`.
 */
export const OPERATIONAL_PATHS = { live: '/livez', ready: '/readyz' } as const;
export const WITNESS_STATUS_PATH = '/status';

/**
 * Variables that give the base URL of another hub service, and the service each names: who calls whom over
 * HTTP besides the gateway calling every subgraph (`<NAME>_URL`). The deployment files (shared/src/deploy/)
 * derive their networks and network policies from these and the variable lists above.
 */
export const internalUrlVariables: Readonly<Record<string, SubgraphName | 'witness'>> = {
  COORDINATION_INTERNAL_URL: 'coordination',
  ...Object.fromEntries(handoverSubgraphs.map((name) => [internalUrlVariable(name), name])),
  HUB_WITNESS_URL: 'witness',
};
