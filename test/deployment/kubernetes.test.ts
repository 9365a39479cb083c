/**
 * deploy/kubernetes/ checked against the services' registry (shared/src/config/services.ts) and configuration:
 * several replicas of every stateless service behind the gateway, the witness with a volume of its own, a
 * migration job per database, readiness and liveness probes on the services' real routes, secrets mounted as
 * files (each pod only its own), and network policies that let each service reach only its own database, the
 * access log's and the services its variables name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readGatewayConfig } from '@hub/gateway/src/config';
import {
  AUDIT_WRITER_ROLE,
  OPERATIONAL_PATHS,
  type SubgraphName,
  WITNESS_DEFAULT_PORT,
  WITNESS_STATUS_PATH,
  databaseName,
  databaseOwnerRole,
  defaultPorts,
  gatewayEnvironment,
  serviceEntry,
  serviceUrlVariable,
  subgraphEnvironment,
  subgraphNames,
  subgraphOwnEnvironment,
  witnessEnvironment,
} from '@hub/shared';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string }; configMapKeyRef?: { name: string } };
}
interface Probe {
  httpGet: { path: string; port: number };
}
interface Container {
  command: string[];
  ports?: { containerPort: number }[];
  env: EnvVar[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  securityContext?: { allowPrivilegeEscalation?: boolean };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Volume {
  name: string;
  secret?: unknown;
  projected?: { sources: { secret: { name: string; items: { key: string; path: string }[] } }[] };
}
interface PodSpec {
  containers: Container[];
  volumes: Volume[];
  securityContext?: { runAsNonRoot?: boolean };
  automountServiceAccountToken?: boolean;
}
interface Peer {
  podSelector?: { matchLabels: Record<string, string> };
  namespaceSelector?: unknown;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port: number; protocol?: string }[];
}
interface Resource {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: {
    replicas?: number;
    type?: string;
    ports?: { port: number; targetPort: number }[];
    template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    volumeClaimTemplates?: { metadata: { name: string } }[];
    podSelector?: { matchLabels: Record<string, string> };
    policyTypes?: string[];
    ingress?: Rule[];
    egress?: Rule[];
  };
}

const dir = join(__dirname, '../../deploy/kubernetes');
const load = (file: string): Resource[] =>
  parseAllDocuments(readFileSync(join(dir, file), 'utf8'))
    .map((d) => d.toJS() as Resource)
    .filter(Boolean);
const services = load('services.yaml');
const migrations = load('migrations.yaml');
const policies = load('network-policies.yaml');
const find = (resources: Resource[], kind: string, name: string): Resource => {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const stateless = [...subgraphNames, 'gateway'] as const;
const all = [...stateless, 'witness'] as const;
type Name = (typeof all)[number];
const workload = (name: Name): Resource => find(services, name === 'witness' ? 'StatefulSet' : 'Deployment', name);
const container = (r: Resource): Container => r.spec.template!.spec.containers[0]!;
const envOf = (r: Resource): Record<string, string | undefined> => Object.fromEntries(container(r).env.map((e) => [e.name, e.value]));
const port = (name: Name): number => (name === 'witness' ? WITNESS_DEFAULT_PORT : defaultPorts[name]);
const entry = (name: Name): string[] => ['node', serviceEntry(name)];
const readsOf = (name: Name): readonly string[] =>
  name === 'gateway'
    ? [...gatewayEnvironment, ...subgraphNames.map(serviceUrlVariable)]
    : name === 'witness'
      ? witnessEnvironment
      : [...subgraphEnvironment, ...(subgraphOwnEnvironment[name] ?? [])];

/** The files of a pod's secrets volume: path in the container → [Secret, key], and where the volume is mounted. */
function secretFiles(r: Resource): { mountPath: string; files: Record<string, [string, string]> } {
  const spec = r.spec.template!.spec;
  const volume = spec.volumes.find((v) => v.name === 'secrets');
  const mount = container(r).volumeMounts.find((m) => m.name === 'secrets');
  if (!volume?.projected || !mount) throw new Error(`${r.metadata.name} mounts no secrets volume`);
  expect(mount.readOnly).toBe(true);
  expect(spec.volumes.filter((v) => v.secret || v.projected).map((v) => v.name)).toEqual(['secrets']);
  const files: Record<string, [string, string]> = {};
  for (const source of volume.projected.sources) {
    for (const item of source.secret.items) files[`${mount.mountPath}/${item.path}`] = [source.secret.name, item.key];
  }
  return { mountPath: mount.mountPath, files };
}

/** Hosts the pod connects to: databases (from their URLs) and services (from the other URL variables). */
function connections(name: Name): { databases: string[]; services: string[] } {
  const env = envOf(workload(name));
  const hosts = (keys: string[]) => [...new Set(keys.map((k) => env[k]).filter((v): v is string => Boolean(v)).map((v) => new URL(v).hostname))];
  const databaseKeys = ['DATABASE_URL', 'AUDIT_WRITER_URL'];
  return {
    databases: hosts(databaseKeys.filter((k) => k in env)),
    services: hosts(Object.keys(env).filter((k) => k.endsWith('_URL') && !databaseKeys.includes(k))).filter((h) => h !== name),
  };
}
const podNames = (peers: Peer[] | undefined): string[] => (peers ?? []).map((p) => p.podSelector?.matchLabels['app.kubernetes.io/name'] ?? '?');
const databasesOf = (peers: Peer[] | undefined): string[] => (peers ?? []).map((p) => `postgres-${p.podSelector?.matchLabels['hub/database']}`);

describe('deploy/kubernetes', () => {
  it('puts everything in the hub namespace', () => {
    for (const r of [...services, ...migrations, ...policies]) expect(r.metadata.namespace).toBe('support-path-hub');
  });

  it.each([...all])('runs %s with its replicas, its own entry and port, probes on its real routes and a non-root user', (name) => {
    const r = workload(name);
    if (name === 'witness') {
      expect(r.spec.replicas).toBe(1);
      expect(r.spec.volumeClaimTemplates?.map((v) => v.metadata.name)).toEqual(['state']);
      expect(container(r).volumeMounts).toContainEqual({ name: 'state', mountPath: envOf(r).HUB_WITNESS_DIR });
    } else expect(r.spec.replicas).toBeGreaterThanOrEqual(2);
    const c = container(r);
    expect(c.command).toEqual(entry(name));
    expect(c.ports?.map((p) => p.containerPort)).toEqual([port(name)]);
    expect(envOf(r).PORT).toBe(String(port(name)));
    expect(c.readinessProbe?.httpGet).toEqual({ path: name === 'witness' ? WITNESS_STATUS_PATH : OPERATIONAL_PATHS.ready, port: port(name) });
    expect(c.livenessProbe?.httpGet).toEqual({ path: name === 'witness' ? WITNESS_STATUS_PATH : OPERATIONAL_PATHS.live, port: port(name) });
    expect(r.spec.template!.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(r.spec.template!.spec.automountServiceAccountToken).toBe(false);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false });
    const service = find(services, 'Service', name);
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([expect.objectContaining({ port: port(name), targetPort: port(name) })]);
  });

  it.each([...all])('sets only variables %s reads, and every secret it reads as a file of its own', (name) => {
    const r = workload(name);
    const env = envOf(r);
    expect(Object.keys(env).filter((v) => !readsOf(name).includes(v))).toEqual([]);
    for (const required of name === 'gateway' ? ['AUDIT_WRITER_URL', 'HUB_KEYS_DIR'] : name === 'witness' ? ['HUB_KEYS_DIR'] : ['DATABASE_URL', 'AUDIT_WRITER_URL', 'HUB_KEYS_DIR']) {
      expect([name, required, required in env]).toEqual([name, required, true]);
    }
    // No secret in a variable: every secret is a file of the projected volume.
    expect(container(r).env.filter((e) => e.valueFrom?.secretKeyRef)).toEqual([]);
    const { mountPath, files } = secretFiles(r);
    expect(env.HUB_KEYS_DIR).toBe(mountPath);
    const expected: Record<string, [string, string]> = { [`${mountPath}/trusted.jwks.json`]: ['hub-trusted-keys', 'trusted.jwks.json'] };
    if (name !== 'witness') expected[`${mountPath}/${name}.private.jwk.json`] = [`hub-key-${name}`, `${name}.private.jwk.json`];
    // The witness's own key, and its public half pinned in the audit service (never asked of the witness).
    if (name === 'witness') expected[env.HUB_WITNESS_KEY_FILE!] = ['hub-key-witness', 'witness.key.pem'];
    if (name === 'audit') expected[env.HUB_WITNESS_VKEY_FILE!] = ['hub-witness-vkey', 'witness.vkey'];
    if (env.DATABASE_PASSWORD_FILE) expected[env.DATABASE_PASSWORD_FILE] = [`hub-database-${name}`, 'password'];
    if (env.AUDIT_WRITER_PASSWORD_FILE) expected[env.AUDIT_WRITER_PASSWORD_FILE] = ['hub-audit-writer', 'password'];
    expect(files).toEqual(expected);
    expect(Boolean(env.AUDIT_WRITER_PASSWORD_FILE)).toBe(name !== 'witness');
    expect(Boolean(env.DATABASE_PASSWORD_FILE)).toBe(name !== 'witness' && name !== 'gateway');
  });

  it.each([...subgraphNames])('connects %s to its own database as its own role, and to the access log as the writer', (name) => {
    const env = envOf(workload(name));
    const own = new URL(env.DATABASE_URL ?? '');
    expect([own.hostname, own.pathname, own.username, own.password]).toEqual([`postgres-${name}`, `/${databaseName(name)}`, databaseOwnerRole(name), '']);
    const log = new URL(env.AUDIT_WRITER_URL ?? '');
    expect([log.hostname, log.pathname, log.username, log.password]).toEqual(['postgres-audit', `/${databaseName('audit')}`, AUDIT_WRITER_ROLE, '']);
    expect(env.COORDINATION_INTERNAL_URL).toBe(`http://coordination:${defaultPorts.coordination}`);
  });

  it.each([...subgraphNames])('migrates the database of %s in a job, as its own role, that stops before serving', (name) => {
    const job = find(migrations, 'Job', `migrate-${name}`);
    const c = container(job);
    const env = envOf(job);
    const deployed = envOf(workload(name));
    expect(c.command).toEqual(entry(name));
    expect(env.HUB_MIGRATE_ONLY).toBe('1');
    expect(env.DATABASE_URL).toBe(deployed.DATABASE_URL);
    expect(Object.keys(env).filter((v) => !readsOf(name).includes(v))).toEqual([]);
    // Only its database's password: no key, no access-log writer.
    expect(secretFiles(job).files).toEqual({ [env.DATABASE_PASSWORD_FILE!]: [`hub-database-${name}`, 'password'] });
    expect(c.readinessProbe).toBeUndefined();
  });

  it('points the gateway at every subgraph Service, in production mode, with settings the gateway accepts', () => {
    const c = container(workload('gateway'));
    // ConfigMap values and the mounted password stand in for what the cluster fills in.
    const passwordFile = join(mkdtempSync(join(tmpdir(), 'hub-k8s-')), 'password');
    writeFileSync(passwordFile, 'a-password');
    const env = Object.fromEntries(
      c.env.map((e) => [
        e.name,
        e.name === 'AUDIT_WRITER_PASSWORD_FILE' ? passwordFile : (e.value ?? (e.name === 'OIDC_ISSUER' ? 'https://login.example.org' : 'from-the-cluster')),
      ]),
    );
    const config = readGatewayConfig(env);
    expect(config.mode).toBe('production');
    expect(config.trustedDocuments.enforce).toBe(true);
    expect(new URL(config.auditDatabaseUrl).password).toBe('a-password');
    expect(config.subgraphUrls).toEqual(Object.fromEntries(subgraphNames.map((n) => [n, `http://${n}:${defaultPorts[n]}/graphql`])));
  });

  describe('network policies', () => {
    const policy = (name: string): Resource => find(policies, 'NetworkPolicy', name);
    const callersOf = (name: Name): Name[] => all.filter((s) => connections(s).services.includes(name));

    it('deny everything to and from every hub pod that no policy allows, DNS aside', () => {
      const deny = policy('default-deny');
      expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect([deny.spec.ingress, deny.spec.egress]).toEqual([undefined, undefined]);
      const selector = deny.spec.podSelector!.matchLabels;
      for (const r of [...all.map(workload), ...migrations]) expect(r.spec.template!.metadata.labels).toMatchObject(selector);
      expect(policy('dns').spec.egress!.flatMap((rule) => rule.ports!.map((p) => p.port))).toEqual([53, 53]);
    });

    it.each([...all])('let %s reach only its own databases and the services it calls, and be reached only by its callers', (name) => {
      const p = policy(name);
      expect(p.spec.podSelector!.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
      expect(p.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const { databases, services: callees } = connections(name);
      const egress = p.spec.egress ?? [];
      const toDatabases = egress.filter((r) => r.to?.some((peer) => peer.podSelector?.matchLabels['hub/database']));
      expect(toDatabases.flatMap((r) => databasesOf(r.to)).sort()).toEqual([...databases].sort());
      for (const r of toDatabases) expect(r.ports).toEqual([{ protocol: 'TCP', port: 5432 }]);
      const toServices = egress.filter((r) => r.to?.some((peer) => peer.podSelector?.matchLabels['app.kubernetes.io/name']));
      expect(toServices.map((r) => [podNames(r.to), r.ports]).sort()).toEqual(
        callees.map((callee) => [[callee], [{ protocol: 'TCP', port: port(callee as Name) }]]).sort(),
      );
      const elsewhere = egress.filter((r) => !toDatabases.includes(r) && !toServices.includes(r));
      // Only the gateway goes outside the cluster: to the identity provider, over HTTPS.
      expect(elsewhere).toEqual(name === 'gateway' ? [{ ports: [{ protocol: 'TCP', port: 443 }] }] : []);
      const ingress = p.spec.ingress ?? [];
      if (name === 'gateway') expect(ingress).toEqual([{ ports: [{ protocol: 'TCP', port: port(name) }] }]);
      else {
        expect(ingress.flatMap((r) => podNames(r.from)).sort()).toEqual(callersOf(name).sort());
        for (const r of ingress) expect(r.ports).toEqual([{ protocol: 'TCP', port: port(name) }]);
      }
    });

    it.each([...subgraphNames])('let the migration job of %s reach its own database only, and each database only its clients', (name) => {
      const job = policy(`migrate-${name}`);
      expect(job.spec.egress!.flatMap((r) => databasesOf(r.to))).toEqual([`postgres-${name}`]);
      expect(job.spec.ingress).toEqual([]);
      const db = policy(`postgres-${name}`);
      expect(db.spec.podSelector!.matchLabels).toEqual({ 'hub/database': name });
      const clients = all.filter((s) => connections(s).databases.includes(`postgres-${name}`));
      expect(db.spec.ingress!.flatMap((r) => podNames(r.from)).sort()).toEqual([...clients, `migrate-${name}`].sort());
      expect(clients.length).toBe(name === ('audit' as SubgraphName) ? stateless.length : 1);
    });
  });
});
