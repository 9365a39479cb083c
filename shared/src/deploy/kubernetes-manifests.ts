import { type SubgraphName, databaseName, subgraphNames } from '../config/services';
import {
  type HubService,
  HOST_SECRETS_DIR,
  POSTGRES_PORT,
  SECRETS_DIR,
  type Secret,
  type Setting,
  allSecrets,
  databaseClients,
  databaseHost,
  hubServices,
  livePath,
  migrationSettings,
  readyPath,
  secrets,
  serviceCallers,
  serviceCalls,
  serviceCommand,
  serviceDatabases,
  servicePort,
  serviceSecrets,
  serviceSettings,
} from './deployment';
import { GENERATED_BY, YamlDocument, multiDocument } from './render-yaml';

export const NAMESPACE = 'support-path-hub';
export const KUBERNETES_IMAGE = 'support-path-hub:0.1.0';
export const KUBERNETES_DIR = 'deploy/kubernetes';
const NAME = 'app.kubernetes.io/name';
const PART_OF = 'app.kubernetes.io/part-of';
const TIER = 'hub/tier';
/** The label of each database's pods (run by you: an operator, a StatefulSet), which the network policies select. */
export const DATABASE_LABEL = 'hub/database';
const UID = 1000;

/** Replicas of each service: the stateless ones several, the witness one (its state is a file of its own). */
export const replicas = (name: HubService): number => (name === 'witness' ? 1 : name === 'gateway' ? 3 : 2);
export const migrationJob = (database: SubgraphName): string => `migrate-${database}`;

const metadata = (name: string, labels: Record<string, string> = {}) => ({ name, namespace: NAMESPACE, labels: { [NAME]: name, [PART_OF]: NAMESPACE, ...labels } });
const tier = (name: HubService): string => (name === 'gateway' || name === 'witness' ? name : 'subgraph');

function env(settings: [string, Setting][]): { list: Record<string, unknown>[]; optional: string[] } {
  const list: Record<string, unknown>[] = [];
  const optional: string[] = [];
  for (const [variable, setting] of settings) {
    if ('value' in setting) list.push({ name: variable, value: setting.value });
    else if ('configMap' in setting) {
      const { name, key, optional: mayLack } = setting.configMap;
      list.push({ name: variable, valueFrom: { configMapKeyRef: { name, key, ...(mayLack ? { optional: true } : {}) } } });
    } else optional.push(`- { name: ${variable}, value: "${setting.example}" }${setting.note ? `   # ${setting.note}` : ''}`);
  }
  return { list, optional };
}

/** One projected volume with exactly these secrets, each under its file name (0440, readable by the service's group). */
const secretsVolume = (list: Secret[]) => ({
  name: 'secrets',
  projected: {
    defaultMode: 0o440,
    sources: list.map((s) => ({ secret: { name: s.kubernetes!.name, items: [{ key: s.kubernetes!.key, path: s.file }] } })),
  },
});

const podSecurity = { runAsNonRoot: true, runAsUser: UID, runAsGroup: UID, fsGroup: UID, seccompProfile: { type: 'RuntimeDefault' } };
const containerSecurity = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const probe = (path: string, port: number, periodSeconds: number, failureThreshold: number) => ({ httpGet: { path, port }, periodSeconds, failureThreshold });

function podTemplate(name: HubService): Record<string, unknown> {
  const port = servicePort(name);
  const { list } = env(serviceSettings(name, 'kubernetes'));
  const state = name === 'witness' ? [{ name: 'state', mountPath: '/witness' }] : [];
  return {
    metadata: { labels: { [NAME]: name, [PART_OF]: NAMESPACE, [TIER]: tier(name) } },
    spec: {
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: podSecurity,
      containers: [
        {
          name,
          image: KUBERNETES_IMAGE,
          command: serviceCommand(name),
          ports: [{ name: 'http', containerPort: port }],
          env: list,
          volumeMounts: [{ name: 'secrets', mountPath: SECRETS_DIR, readOnly: true }, ...state, { name: 'tmp', mountPath: '/tmp' }],
          readinessProbe: probe(readyPath(name), port, 5, 3),
          livenessProbe: probe(livePath(name), port, 10, 6),
          startupProbe: probe(livePath(name), port, 5, 60),
          securityContext: containerSecurity,
          resources: name === 'gateway' ? { requests: { cpu: '200m', memory: '384Mi' }, limits: { memory: '768Mi' } } : { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
        },
      ],
      volumes: [secretsVolume(serviceSecrets(name)), { name: 'tmp', emptyDir: {} }],
    },
  };
}

const envPath = (kindPath: (string | number)[]) => [...kindPath, 'spec', 'template', 'spec', 'containers', 0, 'env'];

function workload(name: HubService): YamlDocument {
  const spec: Record<string, unknown> = {
    replicas: replicas(name),
    selector: { matchLabels: { [NAME]: name } },
    template: podTemplate(name),
  };
  const resource =
    name === 'witness'
      ? {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: metadata(name),
          spec: {
            serviceName: name,
            ...spec,
            volumeClaimTemplates: [{ metadata: { name: 'state' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
          },
        }
      : { apiVersion: 'apps/v1', kind: 'Deployment', metadata: metadata(name), spec };
  const doc = new YamlDocument(resource);
  doc.after(envPath([]), env(serviceSettings(name, 'kubernetes')).optional);
  doc.flow(['spec', 'template', 'spec', 'containers', 0, 'command']);
  doc.before(['spec', 'template', 'spec', 'volumes'], ['Only its own private key, the trusted public keys and the passwords of its own connections.']);
  return doc;
}

const service = (name: HubService): YamlDocument =>
  new YamlDocument({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(name),
    spec: { type: 'ClusterIP', selector: { [NAME]: name }, ports: [{ name: 'http', port: servicePort(name), targetPort: servicePort(name) }] },
  });

function migration(database: SubgraphName): YamlDocument {
  const job = migrationJob(database);
  return new YamlDocument({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(job),
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels: { [NAME]: job, [PART_OF]: NAMESPACE, [TIER]: 'migration' } },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurity,
          containers: [
            {
              name: 'migrate',
              image: KUBERNETES_IMAGE,
              command: serviceCommand(database),
              env: env(migrationSettings(database)).list,
              volumeMounts: [{ name: 'secrets', mountPath: SECRETS_DIR, readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
              securityContext: containerSecurity,
            },
          ],
          // Only its database's password: a migration needs no key and writes no access log.
          volumes: [secretsVolume([secrets.databasePassword(database)]), { name: 'tmp', emptyDir: {} }],
        },
      },
    },
  }).flow(['spec', 'template', 'spec', 'containers', 0, 'command']);
}

// --- network policies ----------------------------------------------------------------------------------------

const pods = (name: string) => ({ podSelector: { matchLabels: { [NAME]: name } } });
const databasePods = (database: SubgraphName) => ({ podSelector: { matchLabels: { [DATABASE_LABEL]: database } } });
const tcp = (port: number) => ({ protocol: 'TCP', port });
const policy = (name: string, podSelector: Record<string, unknown>, spec: Record<string, unknown>) =>
  new YamlDocument({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: NAMESPACE }, spec: { podSelector, ...spec } });

function servicePolicy(name: HubService): YamlDocument {
  const callers = serviceCallers(name);
  const databases = [...new Set(serviceDatabases(name).map((d) => d.database))];
  const ingress =
    name === 'gateway'
      ? [{ ports: [tcp(servicePort(name))] }] // from anywhere: your ingress controller, clients
      : callers.length > 0
        ? [{ from: callers.map(pods), ports: [tcp(servicePort(name))] }]
        : [];
  const egress = [
    ...(databases.length > 0 ? [{ to: databases.map(databasePods), ports: [tcp(POSTGRES_PORT)] }] : []),
    ...serviceCalls(name).map((callee) => ({ to: [pods(callee)], ports: [tcp(servicePort(callee))] })),
    // The identity provider (discovery, keys) is outside the cluster.
    ...(name === 'gateway' ? [{ ports: [tcp(443)] }] : []),
  ];
  return policy(name, { matchLabels: { [NAME]: name } }, { policyTypes: ['Ingress', 'Egress'], ingress, egress });
}

const migrationPolicy = (database: SubgraphName): YamlDocument =>
  policy(migrationJob(database), { matchLabels: { [NAME]: migrationJob(database) } }, {
    policyTypes: ['Ingress', 'Egress'],
    ingress: [],
    egress: [{ to: [databasePods(database)], ports: [tcp(POSTGRES_PORT)] }],
  });

const databasePolicy = (database: SubgraphName): YamlDocument =>
  policy(databaseHost(database), { matchLabels: { [DATABASE_LABEL]: database } }, {
    policyTypes: ['Ingress'],
    ingress: [{ from: [...databaseClients(database), migrationJob(database)].map(pods), ports: [tcp(POSTGRES_PORT)] }],
  });

// --- files ---------------------------------------------------------------------------------------------------

const header = (lines: string[]) => [
  ...GENERATED_BY,
  '',
  'Apply in order: namespace.yaml, your secrets (secrets.example.yaml shows them and how to create them),',
  'migrations.yaml (wait for the jobs), services.yaml, network-policies.yaml.',
  ...lines,
];

const namespaceFile = (): string =>
  multiDocument(header([]), [new YamlDocument({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { [PART_OF]: NAMESPACE } } })]);

const servicesFile = (): string =>
  multiDocument(
    header([
      '',
      'Every subgraph (2 replicas) and the gateway (3, in production mode) as Deployments, the witness as a StatefulSet',
      '(one replica: its key and state on a volume of its own), each behind a ClusterIP Service. Readiness (/readyz)',
      'takes a pod out of its Service while its database, the access log or its keys are unusable; liveness (/livez)',
      "restarts a stuck one. Secrets are files under /run/secrets: each pod gets its own private key, the trusted public",
      'keys and the passwords of its own connections. Each subgraph connects to its own database server, the Service',
      `postgres-<subgraph> (port ${POSTGRES_PORT}), which you run (an operator, a managed service behind an ExternalName`,
      'Service), as its own role owning that database only; every service writes the access log on postgres-audit as',
      'the insert-only writer role.',
    ]),
    hubServices().flatMap((name) => [workload(name), service(name)]),
  );

const migrationsFile = (): string =>
  multiDocument(
    header([
      '',
      "One Job per subgraph database: its migrations run once, as the subgraph's own role, before the replicas start",
      '(HUB_MIGRATE_ONLY=1 makes the subgraph migrate and exit). The audit database first: its migration grants the',
      "access log's writer role what every service needs.",
    ]),
    ['audit' as SubgraphName, ...subgraphNames.filter((n) => n !== 'audit')].map(migration),
  );

const networkPoliciesFile = (): string =>
  multiDocument(
    header([
      '',
      'Nothing goes in or out of a hub pod unless a policy below allows it: each subgraph reaches its own database and',
      'the access log\'s, and the services it calls; each is reached only by the services that call it; the gateway',
      'takes requests from anywhere and reaches the identity provider (any address, port 443). The database policies',
      `select your database pods by the label ${DATABASE_LABEL}=<subgraph>: give your pods that label, or, for databases`,
      'outside the cluster, replace those selectors with an ipBlock of their addresses. Allow your monitoring to scrape',
      '/metrics by adding it to the ingress rules.',
    ]),
    [
      policy('default-deny', { matchLabels: { [PART_OF]: NAMESPACE } }, { policyTypes: ['Ingress', 'Egress'] }),
      policy('dns', { matchLabels: { [PART_OF]: NAMESPACE } }, {
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] }],
      }),
      ...hubServices().map(servicePolicy),
      ...subgraphNames.map(migrationPolicy),
      ...subgraphNames.map(databasePolicy),
    ],
  );

function secretsFile(): string {
  const kubernetesSecrets = allSecrets().filter((s) => s.kubernetes);
  const create = kubernetesSecrets.map(
    (s) => `  kubectl -n ${NAMESPACE} create secret generic ${s.kubernetes!.name} --from-file=${s.kubernetes!.key}=${s.hostFile}`,
  );
  const shape = kubernetesSecrets.map((s) =>
    new YamlDocument({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: s.kubernetes!.name, namespace: NAMESPACE },
      type: 'Opaque',
      stringData: { [s.kubernetes!.key]: s.kind === 'password' ? 'CHANGE-ME' : 'CHANGE-ME (a JWK set or key: npm run deploy-secrets)' },
    }),
  );
  const oidc = new YamlDocument({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'hub-oidc', namespace: NAMESPACE },
    data: { issuer: 'https://login.example.org/realms/hub', audience: 'support-path-hub', 'console-client-id': 'support-path-hub-console' },
  });
  return multiDocument(
    [
      ...GENERATED_BY,
      '',
      'The shape of what services.yaml and migrations.yaml expect, never to be applied as is: create the secrets from',
      `your vault, or from the files \`npm run deploy-secrets\` writes under ${HOST_SECRETS_DIR}/:`,
      ...create,
      'Each database password is that of the subgraph\'s own role on its server (create the roles as',
      `deploy/postgres/init.sh does: owner of ${databaseName(subgraphNames[0]!)} and so on, not a superuser); the writer's that of the`,
      "access log's insert-only role on postgres-audit.",
    ],
    [...shape, oidc],
  );
}

export const kubernetesFiles: { path: string; render: () => string }[] = [
  { path: `${KUBERNETES_DIR}/namespace.yaml`, render: namespaceFile },
  { path: `${KUBERNETES_DIR}/secrets.example.yaml`, render: secretsFile },
  { path: `${KUBERNETES_DIR}/migrations.yaml`, render: migrationsFile },
  { path: `${KUBERNETES_DIR}/services.yaml`, render: servicesFile },
  { path: `${KUBERNETES_DIR}/network-policies.yaml`, render: networkPoliciesFile },
];
