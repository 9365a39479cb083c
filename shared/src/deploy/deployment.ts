/**
 * What a deployment of the hub is, derived from the agency registry and the services' configuration
 * (shared/src/config/services.ts): which services run, on which ports, with which variables, which databases
 * each connects to and as which role, which services each calls, and which secrets each is given. The compose
 * file, the PostgreSQL init script and the Kubernetes manifests are rendered from this (deploy-files-cli.ts);
 * nothing in them lists the agencies by hand.
 */
import {
  AUDIT_WRITER_ROLE,
  OPERATIONAL_PATHS,
  type ServiceName,
  type SubgraphName,
  WITNESS_DEFAULT_NAME,
  WITNESS_DEFAULT_PORT,
  WITNESS_STATUS_PATH,
  databaseName,
  databaseOwnerRole,
  defaultPorts,
  gatewayEnvironment,
  internalUrlVariables,
  serviceEntry,
  serviceUrlVariable,
  subgraphEnvironment,
  subgraphNames,
  subgraphOwnEnvironment,
  witnessEnvironment,
} from '../config/services';

export type HubService = ServiceName | 'witness';
export type Target = 'compose' | 'kubernetes';

/** Every service of a deployment, in the order the files list them. */
export const hubServices = (): HubService[] => ['witness', ...subgraphNames, 'gateway'];

export const servicePort = (name: HubService): number => (name === 'witness' ? WITNESS_DEFAULT_PORT : defaultPorts[name]);
/** How a container starts a service: its compiled entry (`npm run build` runs in the image), no TypeScript loader. */
export const serviceCommand = (name: HubService): string[] => ['node', serviceEntry(name)];
/** Where a service is reached by the others: its compose service and its Kubernetes Service have its name. */
export const serviceBaseUrl = (name: HubService): string => `http://${name}:${servicePort(name)}`;
/** The readiness path (compose healthcheck, Kubernetes readiness probe) and the liveness path. */
export const readyPath = (name: HubService): string => (name === 'witness' ? WITNESS_STATUS_PATH : OPERATIONAL_PATHS.ready);
export const livePath = (name: HubService): string => (name === 'witness' ? WITNESS_STATUS_PATH : OPERATIONAL_PATHS.live);

/** Each subgraph's database has a server of its own, reached by this host name (compose service, Kubernetes Service). */
export const databaseHost = (name: SubgraphName): string => `postgres-${name}`;
export const POSTGRES_PORT = 5432;
export const POSTGRES_IMAGE = 'postgres:17';
export const connectionUrl = (database: SubgraphName, role: string): string =>
  `postgres://${role}@${databaseHost(database)}:${POSTGRES_PORT}/${databaseName(database)}`;

/** The variables a service reads (shared/src/config/services.ts): the deployment sets or documents each. */
export function serviceVariables(name: HubService): readonly string[] {
  if (name === 'witness') return witnessEnvironment;
  if (name === 'gateway') return [...gatewayEnvironment, ...subgraphNames.map(serviceUrlVariable)];
  return [...subgraphEnvironment, ...(subgraphOwnEnvironment[name] ?? [])];
}

const has = (name: HubService, variable: string): boolean => serviceVariables(name).includes(variable);

/** The databases a service connects to, with the role it connects as. */
export function serviceDatabases(name: HubService): { database: SubgraphName; role: string }[] {
  const own = name !== 'gateway' && name !== 'witness' && has(name, 'DATABASE_URL') ? [{ database: name, role: databaseOwnerRole(name) }] : [];
  const log = has(name, 'AUDIT_WRITER_URL') ? [{ database: 'audit' as SubgraphName, role: AUDIT_WRITER_ROLE }] : [];
  return [...own, ...log];
}

/** The services a service calls over HTTP: the gateway every subgraph; the others what their URL variables name. */
export function serviceCalls(name: HubService): HubService[] {
  if (name === 'gateway') return [...subgraphNames];
  return serviceVariables(name)
    .map((v) => internalUrlVariables[v])
    .filter((target): target is SubgraphName | 'witness' => target !== undefined && target !== name);
}

/** The services that call a service. */
export const serviceCallers = (name: HubService): HubService[] => hubServices().filter((s) => serviceCalls(s).includes(name));

/** The services (and their database servers) that connect to a database. */
export const databaseClients = (database: SubgraphName): HubService[] =>
  hubServices().filter((s) => serviceDatabases(s).some((d) => d.database === database));

// --- secrets -------------------------------------------------------------------------------------------------

/** Where every secret file is mounted in a container (compose's default; the Kubernetes projected volume). */
export const SECRETS_DIR = '/run/secrets';
/** Where `npm run deploy-secrets` writes the secret files on this machine (ignored by git and docker). */
export const HOST_SECRETS_DIR = 'secrets';

export interface Secret {
  /** compose's name for it (top-level `secrets:`). */
  id: string;
  kind: 'password' | 'private-key' | 'trusted-keys' | 'witness-key' | 'witness-vkey';
  /** The file `npm run deploy-secrets` writes, relative to the repository (compose reads it from there). */
  hostFile: string;
  /** Its file name in the container, under SECRETS_DIR. */
  file: string;
  /** The Kubernetes Secret and key that hold it; null where Kubernetes has no such secret (database superusers). */
  kubernetes: { name: string; key: string } | null;
}

const password = (id: string, file: string, kubernetes: Secret['kubernetes']): Secret => ({
  id,
  kind: 'password',
  hostFile: `${HOST_SECRETS_DIR}/${id}.txt`,
  file,
  kubernetes,
});

/** A key file under `secrets/keys/`, held in Kubernetes as the Secret `kubernetesName` under its file name. */
const key = (id: string, kind: Secret['kind'], file: string, kubernetesName: string): Secret => ({
  id,
  kind,
  hostFile: `${HOST_SECRETS_DIR}/keys/${file}`,
  file,
  kubernetes: { name: kubernetesName, key: file },
});

export const secrets = {
  /** The database server's superuser (only the server and its init script ever use it). */
  superuserPassword: (database: SubgraphName): Secret => password(`${databaseHost(database)}-superuser-password`, 'postgres-password', null),
  /** The subgraph's own role, owner of its database. */
  databasePassword: (database: SubgraphName): Secret =>
    password(`${database}-database-password`, 'database-password', { name: `hub-database-${database}`, key: 'password' }),
  /** The access log's insert-only role. */
  auditWriterPassword: password('audit-writer-password', 'audit-writer-password', { name: 'hub-audit-writer', key: 'password' }),
  privateKey: (service: ServiceName): Secret => key(`${service}-private-key`, 'private-key', `${service}.private.jwk.json`, `hub-key-${service}`),
  trustedKeys: key('trusted-keys', 'trusted-keys', 'trusted.jwks.json', 'hub-trusted-keys'),
  /** The witness's own Ed25519 key (PEM), made outside its container so that its public half can be pinned. */
  witnessKey: key('witness-private-key', 'witness-key', 'witness.key.pem', 'hub-key-witness'),
  /** The witness's verifier key, pinned in the audit service: it never takes the key the witness announces. */
  witnessVkey: key('witness-vkey', 'witness-vkey', 'witness.vkey', 'hub-witness-vkey'),
};

/** The services that sign hub assertions and log records with a JWK of their own (the witness has a PEM key). */
export const signingServices = (): ServiceName[] => ['gateway', ...subgraphNames];

/**
 * The secrets a service is given: its own private key, the trusted set, and the passwords of its connections;
 * the audit service also the witness's pinned verifier key.
 */
export function serviceSecrets(name: HubService): Secret[] {
  const own = name === 'witness' ? [secrets.witnessKey] : [secrets.privateKey(name)];
  const passwords = serviceDatabases(name).map((d) => (d.role === AUDIT_WRITER_ROLE ? secrets.auditWriterPassword : secrets.databasePassword(d.database)));
  return [...own, secrets.trustedKeys, ...passwords, ...(name === 'audit' ? [secrets.witnessVkey] : [])];
}

/** The secrets of a database's server: its superuser, its owner role, and for the access log the writer role. */
export const databaseServerSecrets = (database: SubgraphName): Secret[] => [
  secrets.superuserPassword(database),
  secrets.databasePassword(database),
  ...(database === 'audit' ? [secrets.auditWriterPassword] : []),
];

/** Every secret of the compose deployment, each once. */
export const allSecrets = (): Secret[] => {
  const all = [...hubServices().flatMap(serviceSecrets), ...subgraphNames.flatMap(databaseServerSecrets)];
  return [...new Map(all.map((s) => [s.id, s])).values()].sort((a, b) => a.id.localeCompare(b.id));
};

export const secretPath = (secret: Secret): string => `${SECRETS_DIR}/${secret.file}`;

// --- variables -----------------------------------------------------------------------------------------------

/**
 * How a deployment gives a variable: a value (`${X:-default}` in compose reads the operator's setting), a
 * Kubernetes ConfigMap entry, or nothing but an example (documented as optional: commented out in compose).
 */
export type Setting =
  | { value: string; note?: string }
  | { configMap: { name: string; key: string; optional?: boolean }; note?: string }
  | { example: string; note?: string };

type Rule = (service: HubService, target: Target) => Setting;

const value = (v: string, note?: string): Setting => ({ value: v, ...(note ? { note } : {}) });
const example = (v: string, note?: string): Setting => ({ example: v, ...(note ? { note } : {}) });
/** The operator's setting in compose (from the shell or `.env`), a fixed value in Kubernetes. */
const operator = (variable: string, fallback: string, note?: string): Rule => (_s, target) =>
  value(target === 'compose' ? `\${${variable}:-${fallback}}` : fallback, note);
const ISSUER = 'https://login.example.org/realms/hub';
const OIDC_CONFIG = 'hub-oidc';

const rules: Record<string, Rule> = {
  PORT: (s) => value(String(servicePort(s))),
  HOST: () => value('0.0.0.0'),
  DATABASE_URL: (s) => value(connectionUrl(s as SubgraphName, databaseOwnerRole(s as SubgraphName)), 'Its own database, as its own role (owner of that database only); the password is a secret file.'),
  DATABASE_PASSWORD_FILE: (s) => value(secretPath(secrets.databasePassword(s as SubgraphName))),
  AUDIT_WRITER_URL: () => value(connectionUrl('audit', AUDIT_WRITER_ROLE), 'The access log, as the insert-only writer role.'),
  AUDIT_WRITER_PASSWORD_FILE: () => value(secretPath(secrets.auditWriterPassword)),
  HUB_KEYS_DIR: (s) =>
    value(SECRETS_DIR, s === 'witness' ? "The trusted public keys only: it checks the audit service's signature." : 'Its own private key and the trusted public keys, as secret files.'),
  ...Object.fromEntries(Object.entries(internalUrlVariables).map(([variable, target]) => [variable, () => value(serviceBaseUrl(target))])),
  HUB_DEMO_SEED: (_s, t) =>
    t === 'compose' ? value('${HUB_DEMO_SEED:-}', 'The demo caseload, off unless HUB_DEMO_SEED is set: never made-up victims in a real system.') : example('2009', 'load the demo caseload into empty databases (never in a real system)'),
  HUB_DEMO_AS_OF: (_s, t) => (t === 'compose' ? value('${HUB_DEMO_AS_OF:-}') : example('2026-01-01T00:00:00.000Z')),
  HUB_DEMO_VICTIMS: (_s, t) => (t === 'compose' ? value('${HUB_DEMO_VICTIMS:-300}') : example('300')),
  HUB_SMALL_CELL_K: operator('HUB_SMALL_CELL_K', '5'),
  HUB_MIGRATE_ONLY: () => example('1', 'migrate the database, then exit (a migration job)'),
  LOG_LEVEL: operator('LOG_LEVEL', 'info'),
  HUB_AUDIT_SEQUENCE_MS: () => example('200', 'how often pending records are integrated and a head signed'),
  HUB_WITNESS_VKEY: () => example(`${WITNESS_DEFAULT_NAME}+…`, "the witness's key as text, instead of HUB_WITNESS_VKEY_FILE"),
  HUB_WITNESS_VKEY_FILE: () => value(secretPath(secrets.witnessVkey), "The witness's key, pinned: never asked of the witness."),
  HUB_WITNESS_KEY_FILE: () => value(secretPath(secrets.witnessKey), 'Its own private key, a secret file (its public half is pinned in the audit service).'),
  HUB_WITNESS_DIR: () => value('/witness', 'Its state (the last head it cosigned), on a volume of its own.'),
  HUB_WITNESS_NAME: () => example(WITNESS_DEFAULT_NAME, "the witness's key name in its cosignatures (the pinned key names the default)"),
  // The gateway.
  HUB_MODE: (_s, t) =>
    t === 'compose'
      ? value('${HUB_MODE:-local}', 'local: embedded token issuer, introspection on. production: needs OIDC_ISSUER; introspection off.')
      : value('production'),
  HUB_DATA_DIR: (_s, t) => value(t === 'compose' ? '/data' : '/tmp/hub', 'The embedded issuer\'s key (local mode) lives in <HUB_DATA_DIR>/issuer.'),
  NODE_ENV: () => example('production', 'same effect as HUB_MODE=production'),
  HUB_SUPERGRAPH: () => example('/app/gateway/supergraph.graphql', 'the default: the committed supergraph'),
  OIDC_ISSUER: (_s, t) =>
    t === 'compose' ? example(ISSUER, 'the identity provider (required in production mode)') : { configMap: { name: OIDC_CONFIG, key: 'issuer' } },
  OIDC_AUDIENCE: (_s, t) => (t === 'compose' ? example('support-path-hub') : { configMap: { name: OIDC_CONFIG, key: 'audience' } }),
  OIDC_CLIENT_ID: (_s, t) =>
    t === 'compose'
      ? example('support-path-hub-console', "the console's sign-in (authorization code with PKCE)")
      : { configMap: { name: OIDC_CONFIG, key: 'console-client-id', optional: true } },
  OIDC_JWKS_URL: () => example(`${ISSUER}/protocol/openid-connect/certs`, 'default: jwks_uri of <issuer>/.well-known/openid-configuration'),
  OIDC_MAX_TOKEN_LIFETIME_SECONDS: () => example('3600', 'longest lifetime (exp - iat) of an accepted token'),
  OIDC_CLAIM_SUBJECT: () => example('sub'),
  OIDC_CLAIM_AGENCY: () => example('agency'),
  OIDC_CLAIM_ROLE: () => example('role'),
  OIDC_CLAIM_REGIONS: () => example('regions'),
  OIDC_AUTHORIZATION_ENDPOINT: () => example(`${ISSUER}/protocol/openid-connect/auth`, 'default: the discovered one'),
  OIDC_TOKEN_ENDPOINT: () => example(`${ISSUER}/protocol/openid-connect/token`),
  OIDC_END_SESSION_ENDPOINT: () => example(`${ISSUER}/protocol/openid-connect/logout`),
  HUB_TRUSTED_DOCUMENTS: () => example('enforce', 'default: open in local mode, enforce in production'),
  HUB_TRUSTED_DOCUMENTS_MANIFEST: () => example('/app/gateway/trusted-documents/manifest.json'),
  HUB_NATIONAL_ROLES: () => example('ANALYST,AUDITOR', 'roles whose tokens without regions mean national access'),
  CHROMIUM_PATH: () => example('/usr/bin/chromium', 'the browser that prints the national report as PDF'),
  HUB_SUBGRAPH_TIMEOUT_MS: () => example('15000'),
  HUB_RATE_LIMIT_PER_MINUTE: () => example('600'),
  HUB_ANONYMOUS_RATE_LIMIT_PER_MINUTE: () => example('60'),
};

/** How a service's deployment gives each variable it reads, in the order of its list. */
export function serviceSettings(name: HubService, target: Target): [string, Setting][] {
  return serviceVariables(name).map((variable) => {
    // The gateway's `<NAME>_URL` of each subgraph (looked up each time: the registry decides which exist).
    const subgraph = subgraphNames.find((n) => serviceUrlVariable(n) === variable);
    const rule: Rule | undefined = subgraph ? () => value(`${serviceBaseUrl(subgraph)}/graphql`) : rules[variable];
    if (!rule) throw new Error(`shared/src/deploy/deployment.ts: no deployment setting for ${variable} (read by ${name}); add one`);
    return [variable, rule(name, target)];
  });
}

/** What a database's migration job sets: its connection, and HUB_MIGRATE_ONLY (no keys, no access log). */
export function migrationSettings(name: SubgraphName): [string, Setting][] {
  const settings = new Map(serviceSettings(name, 'kubernetes'));
  return [
    ['DATABASE_URL', settings.get('DATABASE_URL')!],
    ['DATABASE_PASSWORD_FILE', settings.get('DATABASE_PASSWORD_FILE')!],
    ['HUB_MIGRATE_ONLY', value('1')],
    ['LOG_LEVEL', settings.get('LOG_LEVEL')!],
  ];
}
