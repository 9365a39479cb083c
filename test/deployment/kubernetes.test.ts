/**
 * deploy/kubernetes/ checked against the services' registry (shared/src/config/services.ts) and configuration:
 * several replicas of every stateless service behind the gateway, a migration job per database, readiness and
 * liveness probes, each service given only its own key and its own database secret.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readGatewayConfig } from '@hub/gateway/src/config';
import { type SubgraphName, defaultPorts, gatewayEnvironment, serviceUrlVariable, subgraphEnvironment, subgraphNames, subgraphOwnEnvironment } from '@hub/shared';

interface Container {
  command: string[];
  ports?: { containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string }; configMapKeyRef?: { name: string } } }[];
  readinessProbe?: { httpGet: { path: string; port: number } };
  livenessProbe?: { httpGet: { path: string; port: number } };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Resource {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: {
    replicas?: number;
    type?: string;
    ports?: { port: number; targetPort: number }[];
    template?: { spec: { containers: Container[]; volumes: { name: string; secret?: { secretName: string; items: { key: string }[] } }[] } };
  };
}

const dir = join(__dirname, '../../deploy/kubernetes');
const load = (file: string): Resource[] => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS() as Resource).filter(Boolean);
const services = load('services.yaml');
const migrations = load('migrations.yaml');
const find = (resources: Resource[], kind: string, name: string): Resource => {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const container = (r: Resource): Container => r.spec.template!.spec.containers[0]!;
const envNames = (c: Container): string[] => c.env.map((e) => e.name);
const entry = (name: string): string[] => ['node', '-r', '@swc-node/register', name === 'gateway' ? 'gateway/src/index.ts' : `subgraphs/${name}/src/index.ts`];

describe('deploy/kubernetes', () => {
  it('puts everything in the hub namespace', () => {
    for (const r of [...services, ...migrations]) expect(r.metadata.namespace).toBe('support-path-hub');
  });

  it.each([...subgraphNames, 'gateway'])('runs %s with several replicas, its own entry and port, probes and a non-root user', (name) => {
    const deployment = find(services, 'Deployment', name);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const c = container(deployment);
    const port = defaultPorts[name as SubgraphName | 'gateway'];
    expect(c.command).toEqual(entry(name));
    expect(c.ports?.map((p) => p.containerPort)).toEqual([port]);
    expect(c.env.find((e) => e.name === 'PORT')?.value).toBe(String(port));
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port });
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/livez', port });
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false });
    const service = find(services, 'Service', name);
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([expect.objectContaining({ port, targetPort: port })]);
  });

  it.each([...subgraphNames, 'gateway'])('gives %s only its own private key and the trusted set', (name) => {
    for (const resource of [find(services, 'Deployment', name), ...migrations.filter((j) => j.metadata.name === `migrate-${name}`)]) {
      const keys = resource.spec.template!.spec.volumes.find((v) => v.name === 'keys')!;
      expect(keys.secret?.secretName).toBe(`hub-keys-${name}`);
      expect(keys.secret?.items.map((i) => i.key)).toEqual([`${name}.private.jwk.json`, 'trusted.jwks.json']);
      expect(container(resource).volumeMounts).toContainEqual({ name: 'keys', mountPath: '/keys', readOnly: true });
    }
  });

  it.each([...subgraphNames])('gives subgraph %s its own database secret and only variables it reads', (name) => {
    const c = container(find(services, 'Deployment', name));
    const known = [...subgraphEnvironment, ...(subgraphOwnEnvironment[name] ?? [])] as string[];
    expect(envNames(c).filter((v) => !known.includes(v))).toEqual([]);
    for (const required of ['DATABASE_URL', 'AUDIT_WRITER_URL', 'HUB_KEYS_DIR']) expect(envNames(c)).toContain(required);
    expect(c.env.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef?.name).toBe(`hub-database-${name}`);
    expect(c.env.find((e) => e.name === 'AUDIT_WRITER_URL')?.valueFrom?.secretKeyRef?.name).toBe('hub-audit-writer');
    expect(c.env.find((e) => e.name === 'COORDINATION_INTERNAL_URL')?.value).toBe(`http://coordination:${defaultPorts.coordination}`);
  });

  it.each([...subgraphNames])('migrates the database of %s in a job that stops before serving', (name) => {
    const job = find(migrations, 'Job', `migrate-${name}`);
    const c = container(job);
    const deployed = container(find(services, 'Deployment', name));
    expect(c.command).toEqual(entry(name));
    expect(c.env.find((e) => e.name === 'HUB_MIGRATE_ONLY')?.value).toBe('1');
    expect(c.env.find((e) => e.name === 'DATABASE_URL')).toEqual(deployed.env.find((e) => e.name === 'DATABASE_URL'));
    expect(c.readinessProbe).toBeUndefined();
  });

  it('points the gateway at every subgraph Service, in production mode, with settings the gateway accepts', () => {
    const c = container(find(services, 'Deployment', 'gateway'));
    const urls = subgraphNames.map(serviceUrlVariable);
    expect(envNames(c).filter((v) => !(gatewayEnvironment as readonly string[]).includes(v) && !urls.includes(v))).toEqual([]);
    // Secret and config-map values stand in for what the cluster fills in.
    const env = Object.fromEntries(
      c.env.map((e) => [e.name, e.value ?? (e.name === 'AUDIT_WRITER_URL' ? 'postgres://w:x@db/hub_audit' : e.name === 'OIDC_ISSUER' ? 'https://login.example.org' : 'from-the-cluster')]),
    );
    const config = readGatewayConfig(env);
    expect(config.mode).toBe('production');
    expect(config.trustedDocuments.enforce).toBe(true);
    expect(config.subgraphUrls).toEqual(Object.fromEntries(subgraphNames.map((n) => [n, `http://${n}:${defaultPorts[n]}/graphql`])));
  });
});
