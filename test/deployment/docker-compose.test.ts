/**
 * docker-compose.yml, the Dockerfile and the PostgreSQL init script, checked against the services'
 * configuration in shared/src/config/services.ts (whose variable lists service-environment.test.ts checks
 * against the code). No Docker engine is needed: the files are read and parsed.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  AUDIT_WRITER_ROLE,
  databaseName,
  defaultPorts,
  gatewayEnvironment,
  serviceUrlVariable,
  subgraphEnvironment,
  subgraphNames,
  subgraphOwnEnvironment,
} from '@hub/shared';
import { readGatewayConfig } from '../../gateway/src/config';

interface Service {
  image?: string;
  build?: string | { context?: string };
  command?: string[];
  environment?: Record<string, string | number | null>;
  ports?: string[];
  expose?: (string | number)[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const root = join(__dirname, '../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const composeText = read('docker-compose.yml');
/** Compose's `${VAR:-default}` interpolation, with nothing set in the environment. */
const interpolate = (text: string): string => text.replace(/\$\{\w+(?::?-([^}]*))?\}/g, (_m, def: string | undefined) => def ?? '');
const compose = parse(interpolate(composeText)) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const env = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, String(v ?? '')]));
/** Variables shown commented out (`# NAME: example`) in a service's block: documented as optional. */
function documentedOptional(name: string): Set<string> {
  const lines = composeText.split('\n');
  const start = lines.findIndex((line) => line === `  ${name}:`);
  const found = new Set<string>();
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line) || /^ {2}[^\s#]/.test(line)) break;
    const match = /^\s*#\s*([A-Z][A-Z0-9_]*):/.exec(line);
    if (match) found.add(match[1]!);
  }
  return found;
}
/** `keys:/keys:ro` → { source: 'keys', target: '/keys' } */
const mounts = (name: string) =>
  (service(name).volumes ?? []).map((v) => {
    const [source = '', target = ''] = v.split(':');
    return { source, target };
  });
const healthUrl = (name: string): URL => {
  const test = service(name).healthcheck?.test.join(' ') ?? '';
  const match = /https?:\/\/[^'"\s)]+/.exec(test);
  if (!match) throw new Error(`${name} has no HTTP healthcheck`);
  return new URL(match[0]);
};
const hubServices = ['gateway', ...subgraphNames] as const;
const initScript = (): string => {
  const init = mounts('postgres').find((m) => m.target.startsWith('/docker-entrypoint-initdb.d/'));
  if (!init?.source.startsWith('./')) throw new Error('postgres mounts no init script from the repository');
  return read(init.source);
};

describe('docker-compose.yml', () => {
  it('names its services postgres, keys, the witness, gateway and exactly one per subgraph', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'keys', 'witness', ...hubServices].sort());
  });

  it.each([...subgraphNames])('runs subgraph %s from its own entry point, listening on its default port', (name) => {
    const port = String(defaultPorts[name]);
    expect(service(name).command).toEqual(['node', '-r', '@swc-node/register', `subgraphs/${name}/src/index.ts`]);
    expect(env(name)).toMatchObject({ PORT: port, HOST: '0.0.0.0' });
    expect((service(name).expose ?? []).map(String)).toEqual([port]);
    expect(service(name).ports).toBeUndefined();
    const health = healthUrl(name);
    expect([health.port, health.pathname]).toEqual([port, '/health']);
  });

  it('publishes only the gateway, on its default port, and checks its health there', () => {
    const port = defaultPorts.gateway;
    expect(service('gateway').command).toEqual(['node', '-r', '@swc-node/register', 'gateway/src/index.ts']);
    expect(service('gateway').ports?.map((p) => p.split(':').slice(-2))).toEqual([[`${port}`, `${port}`]]);
    const published = Object.entries(compose.services).filter(([, s]) => s.ports).map(([name]) => name);
    expect(published).toEqual(['gateway']);
    const health = healthUrl('gateway');
    expect([health.port, health.pathname]).toEqual([String(port), '/health']);
    const config = readGatewayConfig(env('gateway'));
    expect([config.port, config.host]).toEqual([port, '0.0.0.0']);
  });

  it.each([...subgraphNames])('connects subgraph %s to its own database on the postgres service', (name) => {
    const url = new URL(env(name).DATABASE_URL ?? '');
    const postgres = env('postgres');
    expect(url.protocol).toBe('postgres:');
    expect([url.hostname, url.port]).toEqual(['postgres', '5432']);
    expect(service('postgres').expose?.map(String)).toEqual(['5432']);
    expect(url.pathname).toBe(`/${databaseName(name)}`);
    expect([url.username, url.password]).toEqual([postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD]);
  });

  it('gives every subgraph a different database', () => {
    const databases = subgraphNames.map((name) => new URL(env(name).DATABASE_URL ?? '').pathname);
    expect(new Set(databases).size).toBe(subgraphNames.length);
  });

  it('creates exactly the subgraph databases in the init script the postgres service mounts', () => {
    const sql = initScript().replace(/^\s*(--|#).*$/gm, '');
    const created = [...sql.matchAll(/CREATE\s+DATABASE\s+"?(\w+)"?/gi)].map((m) => m[1]);
    expect(created.sort()).toEqual(subgraphNames.map(databaseName).sort());
  });

  it('creates the access log writer role that every service logs in as, with the password they use', () => {
    expect(initScript()).toMatch(new RegExp(`CREATE ROLE ${AUDIT_WRITER_ROLE} LOGIN PASSWORD :'writer_password'`));
    expect(initScript()).toMatch(/--set writer_password="\$\{HUB_AUDIT_WRITER_PASSWORD:\?/);
    const password = env('postgres').HUB_AUDIT_WRITER_PASSWORD;
    expect(password).toBeTruthy();
    for (const name of hubServices) {
      const url = new URL(env(name).AUDIT_WRITER_URL ?? '');
      expect({ name, host: url.host, db: url.pathname, user: url.username, password: url.password }).toEqual({
        name,
        host: 'postgres:5432',
        db: `/${databaseName('audit')}`,
        user: AUDIT_WRITER_ROLE,
        password,
      });
    }
  });

  it('points the gateway at every subgraph by its service name and default port', () => {
    const gatewayEnv = env('gateway');
    for (const name of subgraphNames) {
      const url = new URL(gatewayEnv[serviceUrlVariable(name)] ?? '');
      expect({ name, host: url.hostname, port: url.port, path: url.pathname }).toEqual({
        name,
        host: name,
        port: String(defaultPorts[name]),
        path: '/graphql',
      });
    }
    const expected = Object.fromEntries(subgraphNames.map((n) => [n, `http://${n}:${defaultPorts[n]}/graphql`]));
    expect(readGatewayConfig(gatewayEnv).subgraphUrls).toEqual(expected);
  });

  it('lets every subgraph reach coordination by its service name and default port', () => {
    for (const name of subgraphNames) {
      const url = new URL(env(name).COORDINATION_INTERNAL_URL ?? '');
      expect([name, url.hostname, url.port]).toEqual([name, 'coordination', String(defaultPorts.coordination)]);
    }
  });

  it.each([...hubServices])('sets or documents as optional every variable %s reads, and no other', (name) => {
    const reads: readonly string[] =
      name === 'gateway'
        ? [...gatewayEnvironment, ...subgraphNames.map(serviceUrlVariable)]
        : [...subgraphEnvironment, ...(subgraphOwnEnvironment[name] ?? [])];
    const set = Object.keys(env(name));
    const optional = documentedOptional(name);
    expect(reads.filter((v) => !set.includes(v) && !optional.has(v))).toEqual([]);
    expect([...set, ...optional].filter((v) => !reads.includes(v))).toEqual([]);
  });

  it('runs the gateway in local mode by default, reachable from this machine only, with its data on a volume', () => {
    const config = readGatewayConfig(env('gateway'));
    expect(config.mode).toBe('local');
    expect(config.oidc).toBeNull();
    // Local mode issues a token for any identity to whoever asks: never published beyond loopback.
    expect(service('gateway').ports?.map((p) => p.split(':')[0])).toEqual(['127.0.0.1']);
    expect(mounts('gateway').find((m) => m.target === config.dataDir)?.source).toBe('gateway-data');
    expect(compose.volumes).toHaveProperty('gateway-data');
  });

  it('creates the service keys once in the volume where every service reads them', () => {
    const command = service('keys').command ?? [];
    expect(command.slice(0, 4)).toEqual(['node', '-r', '@swc-node/register', 'shared/src/local/keygen-cli.ts']);
    const keysDir = command[4];
    const volume = mounts('keys').find((m) => m.target === keysDir)?.source;
    expect(volume).toBe('keys');
    for (const name of hubServices) {
      expect([name, env(name).HUB_KEYS_DIR]).toEqual([name, keysDir]);
      expect([name, mounts(name).find((m) => m.target === keysDir)?.source]).toEqual([name, volume]);
      expect([name, service(name).depends_on?.keys?.condition]).toEqual([name, 'service_completed_successfully']);
    }
  });

  it('starts subgraphs after a healthy PostgreSQL and access log, and the gateway after every healthy subgraph', () => {
    for (const name of subgraphNames) {
      expect([name, service(name).depends_on?.postgres?.condition]).toEqual([name, 'service_healthy']);
      expect(service(name).healthcheck).toBeDefined();
      expect([name, service('gateway').depends_on?.[name]?.condition]).toEqual([name, 'service_healthy']);
    }
    for (const name of hubServices.filter((n) => n !== 'audit')) {
      expect([name, service(name).depends_on?.audit?.condition]).toEqual([name, 'service_healthy']);
    }
    expect(service('postgres').image).toBe('postgres:17');
    expect(service('postgres').healthcheck?.test.join(' ')).toMatch(/pg_isready/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const workspaceDirs = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)))
          .map((d) => `${pattern.slice(0, -2)}/${d}`)
          .filter((d) => existsSync(join(root, d, 'package.json')))
      : [pattern],
  );

  it('builds the one image every hub service runs', () => {
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(built.map(([name]) => name)).toEqual(['keys']);
    const context = built[0]![1].build;
    expect(typeof context === 'string' ? context : context?.context).toBe('.');
    for (const name of hubServices) expect([name, service(name).image]).toEqual([name, service('keys').image]);
  });

  it('installs with the lock file after copying the manifest of every npm workspace', () => {
    const install = instructions.findIndex((i) => /^RUN\b.*\bnpm ci\b/.test(i));
    expect(install).toBeGreaterThan(0);
    // Sources of the COPY instructions before it (all but the destination); `*` matches within one folder, and
    // a glob keeps the manifest's path only with --parents.
    const sources = instructions
      .slice(0, install)
      .filter((i) => i.startsWith('COPY '))
      .flatMap((i) => {
        const words = i.split(/\s+/).slice(1);
        const parents = words.includes('--parents');
        return words.filter((w) => !w.startsWith('--')).slice(0, -1).map((source) => ({ source, parents }));
      });
    const copied = (file: string) =>
      sources.some(({ source, parents }) =>
        source.includes('*')
          ? parents && new RegExp(`^${source.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]+')}$`).test(file)
          : source === file,
      );
    for (const file of ['package.json', 'package-lock.json', ...workspaceDirs.map((d) => `${d}/package.json`)]) {
      expect([file, copied(file)]).toEqual([file, true]);
    }
    expect(instructions.slice(install)).toContain('COPY . .');
    expect(instructions).toContain('WORKDIR /app');
  });

  it('starts every command from a file that is in the repository and in the image', () => {
    const cmd = instructions.find((i) => i.startsWith('CMD '));
    const commands = [
      JSON.parse(cmd!.slice(4)) as string[],
      ...['keys', ...hubServices].map((name) => service(name).command ?? []),
    ];
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim().replace(/^\/|\/$/g, ''))
      .filter((l) => l && !l.startsWith('#'));
    const isIgnored = (file: string) =>
      ignored.some((p) => {
        const glob = p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '(.*/)?');
        const pattern = new RegExp(`^${glob}(/|$)`);
        return pattern.test(file);
      });
    for (const command of commands) {
      expect(command.slice(0, 3)).toEqual(['node', '-r', '@swc-node/register']);
      const entry = command[3] ?? '';
      expect([entry, existsSync(join(root, entry)) && statSync(join(root, entry)).isFile()]).toEqual([entry, true]);
      for (const file of [entry, 'tsconfig.json', 'tsconfig.base.json', '.swcrc', 'gateway/supergraph.graphql']) {
        expect([file, isIgnored(file)]).toEqual([file, false]);
      }
    }
    expect(require.resolve('@swc-node/register', { paths: [root] })).toBeTruthy();
    for (const local of ['node_modules', '.data', 'gateway/node_modules', 'subgraphs/police/node_modules']) {
      expect([local, isIgnored(local)]).toEqual([local, true]);
    }
  });
});
