import { compiledPath } from '../build/compiled-path';
import { type SubgraphName, databaseName, databaseOwnerRole, subgraphNames } from '../config/services';
import {
  type HubService,
  HOST_SECRETS_DIR,
  POSTGRES_IMAGE,
  POSTGRES_PORT,
  type Secret,
  type Setting,
  allSecrets,
  databaseHost,
  databaseServerSecrets,
  hubServices,
  readyPath,
  secretPath,
  serviceCalls,
  serviceCallers,
  serviceCommand,
  serviceDatabases,
  servicePort,
  serviceSecrets,
  serviceSettings,
} from './deployment';
import { POSTGRES_INIT_SCRIPT } from './postgres-init';
import { GENERATED_BY, YamlDocument } from './render-yaml';

export const COMPOSE_FILE = 'docker-compose.yml';
export const HUB_IMAGE = 'support-path-hub:local';
/** Only the gateway is published, on the host's loopback interface. */
const PUBLISHED_HOST = '127.0.0.1';
const EDGE_NETWORK = 'edge';

/** The network of a database: its server and the services that connect to it, nothing else. */
export const databaseNetwork = (database: SubgraphName): string => `db-${database}`;
/** The network on which a service is called: the witness on its own (only the audit service calls it). */
export const callNetwork = (callee: HubService): string => (callee === 'witness' ? 'witness' : 'services');

/** The networks a service joins: its databases', the ones it is called on and calls on, and (gateway) the edge. */
export function serviceNetworks(name: HubService): string[] {
  const networks = [
    ...serviceDatabases(name).map((d) => databaseNetwork(d.database)),
    ...(serviceCallers(name).length > 0 ? [callNetwork(name)] : []),
    ...serviceCalls(name).map(callNetwork),
    ...(name === 'gateway' ? [EDGE_NETWORK] : []),
  ];
  return [...new Set(networks)];
}

/**
 * Start order: a service waits for the servers of its databases, for the access log (whose migration creates the
 * queue every service writes to), and for the services it calls that start before it in this order (calls the
 * other way, such as coordination asking child welfare, wait for nothing: they happen at request time).
 */
const startRank = (name: HubService): number =>
  name === 'witness' ? 0 : name === 'audit' ? 1 : name === 'coordination' ? 2 : name === 'gateway' ? 4 : 3;
function dependsOn(name: HubService): Record<string, { condition: string }> {
  const healthy = { condition: 'service_healthy' };
  const writesLog = serviceDatabases(name).some((d) => d.database === 'audit') && name !== 'audit';
  const names = [
    ...serviceDatabases(name).map((d) => databaseHost(d.database)),
    ...(writesLog ? ['audit'] : []),
    ...serviceCalls(name).filter((callee) => startRank(callee) < startRank(name)),
  ];
  return Object.fromEntries([...new Set(names)].map((n) => [n, healthy]));
}

const mountSecrets = (list: Secret[]) => list.map((s) => ({ source: s.id, target: s.file }));
const healthcheck = (test: string[], startPeriod: string) => ({ test, interval: '5s', timeout: '5s', retries: 12, start_period: startPeriod });
const readinessTest = (name: HubService): string[] => [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${servicePort(name)}${readyPath(name)}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];

function environment(settings: [string, Setting][]): { set: Record<string, string>; notes: [string, string][]; optional: string[] } {
  const set: Record<string, string> = {};
  const notes: [string, string][] = [];
  const optional: string[] = [];
  for (const [variable, setting] of settings) {
    if ('value' in setting) {
      set[variable] = setting.value;
      if (setting.note) notes.push([variable, setting.note]);
    } else if ('example' in setting) {
      const shown = /^[\d.]+$/.test(setting.example) ? `"${setting.example}"` : setting.example;
      optional.push(`${variable}: ${shown}${setting.note ? `   # ${setting.note}` : ''}`);
    } else throw new Error(`compose cannot take ${variable} from a ConfigMap`);
  }
  return { set, notes, optional };
}

function databaseServer(database: SubgraphName): Record<string, unknown> {
  const [superuser, owner, writer] = databaseServerSecrets(database);
  return {
    image: POSTGRES_IMAGE,
    environment: {
      POSTGRES_PASSWORD_FILE: secretPath(superuser!),
      HUB_DATABASE_NAME: databaseName(database),
      HUB_DATABASE_OWNER: databaseOwnerRole(database),
      HUB_DATABASE_OWNER_PASSWORD_FILE: secretPath(owner!),
      ...(writer ? { HUB_AUDIT_WRITER_PASSWORD_FILE: secretPath(writer) } : {}),
    },
    secrets: mountSecrets(databaseServerSecrets(database)),
    volumes: [`${databaseHost(database)}-data:/var/lib/postgresql/data`, `./${POSTGRES_INIT_SCRIPT}:/docker-entrypoint-initdb.d/10-hub.sh:ro`],
    networks: [databaseNetwork(database)],
    expose: [String(POSTGRES_PORT)],
    // Over TCP: the temporary server that runs the init script listens on the Unix socket only.
    healthcheck: healthcheck(['CMD', 'pg_isready', '-h', '127.0.0.1', '-p', String(POSTGRES_PORT), '-U', 'postgres', '-d', 'postgres'], '30s'),
    restart: 'unless-stopped',
  };
}

function hubService(name: HubService): Record<string, unknown> {
  const env = environment(serviceSettings(name, 'compose'));
  const volumes = name === 'witness' ? ['witness-data:/witness'] : name === 'gateway' ? ['gateway-data:/data'] : [];
  const depends = dependsOn(name);
  return {
    ...(name === 'gateway' ? { build: '.' } : {}),
    image: HUB_IMAGE,
    command: serviceCommand(name),
    environment: env.set,
    secrets: mountSecrets(serviceSecrets(name)),
    ...(volumes.length > 0 ? { volumes } : {}),
    networks: serviceNetworks(name),
    ...(name === 'gateway'
      ? { ports: [`${PUBLISHED_HOST}:${servicePort(name)}:${servicePort(name)}`] }
      : { expose: [String(servicePort(name))] }),
    healthcheck: healthcheck(readinessTest(name), name === 'witness' ? '60s' : '180s'),
    ...(Object.keys(depends).length > 0 ? { depends_on: depends } : {}),
    restart: 'unless-stopped',
  };
}

const serviceComments: Partial<Record<HubService, string[]>> = {
  witness: [
    "The access log's witness, outside the log's trust domain: its own key and state (volume witness-data), never",
    'the audit database. It cosigns a tree head only when a consistency proof shows it extends the last head it',
    'cosigned, and refuses (logging an ALERT) otherwise. It trusts only the audit service\'s public key.',
  ],
  audit: [
    'The access log: its migration creates the insert-only pending queue every service writes to and the Merkle',
    'tree its sequencer integrates records into, so the services that write the log start after it.',
  ],
  gateway: ['Builds the one image every hub service runs (Dockerfile); the only service published.'],
};

const header = [
  ...GENERATED_BY,
  '',
  'The support-path hub in containers: every subgraph with a PostgreSQL server of its own, the access log (audit),',
  'its witness and the gateway, all from one image (Dockerfile). Only the gateway is published, on this machine\'s',
  'loopback interface:',
  '',
  '  npm run deploy-secrets              once: passwords and service keys as files under secrets/ (never committed)',
  '  docker compose up --build           then  http://localhost:4000/graphql  (console: /console)',
  '',
  'Without Node.js on this machine, the image writes the secrets (as your user, into ./secrets):',
  '  docker compose build gateway && mkdir -m 700 -p secrets && docker run --rm -u "$(id -u):$(id -g)" \\',
  `    -v "$PWD/${HOST_SECRETS_DIR}:/app/${HOST_SECRETS_DIR}" ${HUB_IMAGE} node ${compiledPath('shared/src/deploy/secrets-cli.ts')}`,
  '',
  'A bearer token from the gateway\'s embedded issuer (local mode):',
  `  docker compose exec gateway node ${compiledPath('gateway/src/auth/token-cli.ts')} --agency COORDINATION --role COORDINATOR`,
  '',
  'Least privilege:',
  '- Each subgraph connects to its own database as its own role, owner of that database only (no superuser;',
  '  its migrations run as that role), on a network that only it and its database server join (db-<subgraph>).',
  '- The access log\'s server (db-audit) is joined by every service, but only the audit service has its owner role;',
  '  the others hold only the password of the insert-only writer role.',
  '- Passwords and private keys are compose secrets, files mounted under /run/secrets: each service gets its own',
  '  private key, the trusted public keys and the passwords of its own connections, nothing else; each database',
  '  server its superuser password (used by no service) and the passwords of the roles its init script creates.',
  '',
  'Settings come from the shell or from a .env file next to this one:',
  '  HUB_DEMO_SEED=2009, HUB_DEMO_AS_OF=2026-01-01T00:00:00.000Z   load the demo caseload into empty databases',
  '                                   (off by default: never load made-up victims into a real system)',
  '  HUB_SMALL_CELL_K=5               statistics: counts below k are suppressed (same k in every subgraph)',
  '  HUB_MODE=production (+ the gateway\'s OIDC_* below), LOG_LEVEL=debug',
  'A commented variable is optional (example value shown).',
  '',
  'Not done here: HTTP between the gateway and the subgraphs shares one network (services), where every subgraph',
  'answers only requests signed by the gateway or another service; nothing is encrypted in transit (no TLS to',
  'PostgreSQL or between services); the secret files are plain files on this machine (world-readable inside the',
  '0700 secrets/ folder, because compose mounts them unchanged into containers that run as other users).',
];

/** docker-compose.yml. */
export function renderComposeFile(): string {
  const services: Record<string, unknown> = {};
  for (const database of subgraphNames) services[databaseHost(database)] = databaseServer(database);
  for (const name of hubServices()) services[name] = hubService(name);
  const networks: Record<string, unknown> = {
    ...Object.fromEntries(subgraphNames.map((d) => [databaseNetwork(d), { internal: true }])),
    services: { internal: true },
    witness: { internal: true },
    [EDGE_NETWORK]: {},
  };
  const volumes = Object.fromEntries([...subgraphNames.map((d) => `${databaseHost(d)}-data`), 'witness-data', 'gateway-data'].map((v) => [v, {}]));
  const secretFiles = Object.fromEntries(allSecrets().map((s) => [s.id, { file: `./${s.hostFile}` }]));
  const doc = new YamlDocument({ name: 'support-path-hub', services, networks, volumes, secrets: secretFiles }, header);
  doc.before(['services'], [], true).before(['networks'], [
    'Internal networks reach nothing outside the hub; the gateway alone is also on the edge network, where its port',
    'is published and it reaches the identity provider.',
  ], true);
  doc.before(['volumes'], [], true).before(['secrets'], [`Written by \`npm run deploy-secrets\` (git and docker ignore ${HOST_SECRETS_DIR}/).`], true);
  for (const database of subgraphNames) {
    const first = database === subgraphNames[0];
    doc.before(['services', databaseHost(database)], first ? ['One PostgreSQL server per subgraph database; the init script creates its roles on the first start.'] : [], !first);
    doc.flow(['services', databaseHost(database), 'healthcheck', 'test']);
  }
  for (const name of hubServices()) {
    doc.before(['services', name], serviceComments[name] ?? [], true);
    const env = environment(serviceSettings(name, 'compose'));
    for (const [variable, note] of env.notes) doc.before(['services', name, 'environment', variable], [note]);
    doc.after(['services', name, 'environment'], env.optional);
    doc.flow(['services', name, 'command']).flow(['services', name, 'healthcheck', 'test']);
    if (name === 'gateway') {
      doc.before(['services', name, 'ports'], [
        'Loopback only: in local mode the gateway hands a token for any identity to whoever asks (the console\'s',
        'sign-in). Publish on other interfaces only in production mode, behind TLS.',
      ]);
    }
  }
  return doc.toString();
}
