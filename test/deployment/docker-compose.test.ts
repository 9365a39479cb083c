/**
 * docker-compose.yml, the Dockerfile and the PostgreSQL init script, checked against the services'
 * configuration in shared/src/config/services.ts (whose variable lists service-environment.test.ts checks
 * against the code): one database server, network and owner role per subgraph, the access log reached by every
 * service only as the insert-only writer, and each service given only its own secrets. No Docker engine is
 * needed: the files are read and parsed (generated-files.test.ts checks they are what the generator writes).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  AUDIT_WRITER_ROLE,
  OPERATIONAL_PATHS,
  WITNESS_DEFAULT_NAME,
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
import { compiledPath, sourcePath } from '@hub/shared/src/build/compiled-path';
import { writeDeploymentSecrets } from '@hub/shared/src/deploy/secrets-cli';
import { startServiceProcess } from '@hub/shared/src/local/service-process';
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
  networks?: string[];
  secrets?: { source: string; target: string }[];
}

const root = join(__dirname, '../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const composeText = read('docker-compose.yml');
/** Compose's `${VAR:-default}` interpolation, with nothing set in the environment. */
const interpolate = (text: string): string => text.replace(/\$\{\w+(?::?-([^}]*))?\}/g, (_m, def: string | undefined) => def ?? '');
const compose = parse(interpolate(composeText)) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  networks: Record<string, { internal?: boolean } | null>;
  secrets: Record<string, { file?: string }>;
};
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
/** `witness-data:/witness` → { source: 'witness-data', target: '/witness' } */
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
/** The host file of each secret file a service sees, by its path in the container (compose: /run/secrets/<target>). */
const secretFiles = (name: string): Record<string, string> =>
  Object.fromEntries(
    (service(name).secrets ?? []).map((s) => {
      const file = compose.secrets[s.source]?.file;
      if (!file) throw new Error(`${name} mounts secret ${s.source}, which has no file`);
      return [s.target.startsWith('/') ? s.target : `/run/secrets/${s.target}`, file];
    }),
  );
/** The host file behind a variable that names a secret file. */
const secretBehind = (name: string, variable: string): string => {
  const path = env(name)[variable] ?? '';
  const file = secretFiles(name)[path];
  if (!file) throw new Error(`${name}: ${variable}=${path} is no mounted secret`);
  return file;
};

const hubServices = ['gateway', ...subgraphNames] as const;
const databaseServer = (name: string) => `postgres-${name}`;
const databaseServers = subgraphNames.map(databaseServer);
const initScript = (server: string): string => {
  const init = mounts(server).find((m) => m.target.startsWith('/docker-entrypoint-initdb.d/'));
  if (!init?.source.startsWith('./')) throw new Error(`${server} mounts no init script from the repository`);
  return read(init.source);
};
/** The gateway's settings with each *_PASSWORD_FILE pointing at a real file (the container's are mounted secrets). */
function withPasswordFiles(variables: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-compose-'));
  return Object.fromEntries(
    Object.entries(variables).map(([k, v]) => {
      if (!k.endsWith('_PASSWORD_FILE')) return [k, v];
      const path = join(dir, k);
      writeFileSync(path, 'a-password');
      return [k, path];
    }),
  );
}

describe('docker-compose.yml', () => {
  it('names its services: a database server per subgraph, the witness, the gateway and exactly one per subgraph', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...databaseServers, 'witness', ...hubServices].sort());
  });

  it.each([...subgraphNames])('runs subgraph %s from its own entry point, listening on its default port, ready at /readyz', (name) => {
    const port = String(defaultPorts[name]);
    expect(service(name).command).toEqual(['node', serviceEntry(name)]);
    expect(env(name)).toMatchObject({ PORT: port, HOST: '0.0.0.0' });
    expect((service(name).expose ?? []).map(String)).toEqual([port]);
    expect(service(name).ports).toBeUndefined();
    const health = healthUrl(name);
    expect([health.port, health.pathname]).toEqual([port, OPERATIONAL_PATHS.ready]);
  });

  it('runs the witness on its port, with its state on a volume of its own', () => {
    expect(service('witness').command).toEqual(['node', serviceEntry('witness')]);
    expect(env('witness')).toMatchObject({ PORT: String(WITNESS_DEFAULT_PORT), HUB_WITNESS_DIR: '/witness' });
    expect(mounts('witness')).toEqual([{ source: 'witness-data', target: '/witness' }]);
    const health = healthUrl('witness');
    expect([health.port, health.pathname]).toEqual([String(WITNESS_DEFAULT_PORT), WITNESS_STATUS_PATH]);
    expect(new URL(env('audit').HUB_WITNESS_URL ?? '').host).toBe(`witness:${WITNESS_DEFAULT_PORT}`);
  });

  it('publishes only the gateway, on its default port, and checks its readiness there', () => {
    const port = defaultPorts.gateway;
    expect(service('gateway').command).toEqual(['node', serviceEntry('gateway')]);
    expect(service('gateway').ports?.map((p) => p.split(':').slice(-2))).toEqual([[`${port}`, `${port}`]]);
    const published = Object.entries(compose.services).filter(([, s]) => s.ports).map(([name]) => name);
    expect(published).toEqual(['gateway']);
    const health = healthUrl('gateway');
    expect([health.port, health.pathname]).toEqual([String(port), OPERATIONAL_PATHS.ready]);
    const config = readGatewayConfig(withPasswordFiles(env('gateway')));
    expect([config.port, config.host]).toEqual([port, '0.0.0.0']);
  });

  it.each([...subgraphNames])(
    'connects subgraph %s to its own database on its own server, as its own role, with the password from a secret file',
    (name) => {
      const url = new URL(env(name).DATABASE_URL ?? '');
      const server = databaseServer(name);
      expect(url.protocol).toBe('postgres:');
      expect([url.hostname, url.port, url.pathname]).toEqual([server, '5432', `/${databaseName(name)}`]);
      expect(service(server).expose?.map(String)).toEqual(['5432']);
      expect([url.username, url.password]).toEqual([databaseOwnerRole(name), '']);
      // The server's init script creates that role, owner of that database, with the password of the same file.
      const db = env(server);
      expect([db.HUB_DATABASE_NAME, db.HUB_DATABASE_OWNER]).toEqual([databaseName(name), databaseOwnerRole(name)]);
      expect(secretBehind(name, 'DATABASE_PASSWORD_FILE')).toBe(secretBehind(server, 'HUB_DATABASE_OWNER_PASSWORD_FILE'));
      expect(db.POSTGRES_USER ?? 'postgres').not.toBe(databaseOwnerRole(name));
      expect(db.POSTGRES_PASSWORD).toBeUndefined();
    },
  );

  it("keeps each database server's superuser password to that server", () => {
    for (const server of databaseServers) {
      const superuser = secretBehind(server, 'POSTGRES_PASSWORD_FILE');
      const holders = Object.keys(compose.services).filter((s) => Object.values(secretFiles(s)).includes(superuser));
      expect([server, holders]).toEqual([server, [server]]);
    }
    expect(new Set(databaseServers.map((s) => secretBehind(s, 'POSTGRES_PASSWORD_FILE'))).size).toBe(databaseServers.length);
  });

  it('reaches the access log from every service only as the insert-only writer role, with the password its server gave it', () => {
    const server = databaseServer('audit');
    const writerPassword = secretBehind(server, 'HUB_AUDIT_WRITER_PASSWORD_FILE');
    expect(initScript(server)).toMatch(new RegExp(`CREATE ROLE ${AUDIT_WRITER_ROLE} LOGIN NOSUPERUSER`));
    for (const name of hubServices) {
      const url = new URL(env(name).AUDIT_WRITER_URL ?? '');
      expect({ name, host: url.host, db: url.pathname, user: url.username, password: url.password }).toEqual({
        name,
        host: `${server}:5432`,
        db: `/${databaseName('audit')}`,
        user: AUDIT_WRITER_ROLE,
        password: '',
      });
      expect([name, secretBehind(name, 'AUDIT_WRITER_PASSWORD_FILE')]).toEqual([name, writerPassword]);
    }
    // Only the audit service holds the audit database's owner password.
    const owner = secretBehind(server, 'HUB_DATABASE_OWNER_PASSWORD_FILE');
    const holders = hubServices.filter((s) => Object.values(secretFiles(s)).includes(owner));
    expect(holders).toEqual(['audit']);
  });

  it('puts each database on a network of its own, joined by its server and the services that connect to it only', () => {
    const serversOn = (network: string) => databaseServers.filter((s) => service(s).networks?.includes(network));
    for (const server of databaseServers) expect([server, service(server).networks]).toEqual([server, [`db-${server.slice('postgres-'.length)}`]]);
    for (const name of [...hubServices, 'witness']) {
      const connects = [env(name).DATABASE_URL, env(name).AUDIT_WRITER_URL].filter((v) => v !== undefined).map((v) => new URL(v).hostname);
      const reachable = (service(name).networks ?? []).flatMap(serversOn);
      expect([name, [...new Set(reachable)].sort()]).toEqual([name, [...new Set(connects)].sort()]);
    }
    for (const [network, settings] of Object.entries(compose.networks)) {
      if (network !== 'edge') expect([network, settings?.internal]).toEqual([network, true]);
    }
    expect(Object.entries(compose.services).filter(([, s]) => s.networks?.includes('edge')).map(([n]) => n)).toEqual(['gateway']);
  });

  it('creates every subgraph database with its owner in the init script every database server mounts', () => {
    for (const server of databaseServers) {
      const script = initScript(server);
      expect(script).toContain('CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE');
      expect(script).toContain('CREATE DATABASE :"database" OWNER :"owner"');
      for (const variable of ['HUB_DATABASE_NAME', 'HUB_DATABASE_OWNER', 'HUB_DATABASE_OWNER_PASSWORD_FILE']) {
        expect(script).toContain(variable);
        expect(env(server)[variable]).toBeTruthy();
      }
      expect(service(server).image).toBe('postgres:17');
      expect(service(server).healthcheck?.test.join(' ')).toMatch(/pg_isready/);
    }
    const writers = databaseServers.filter((s) => env(s).HUB_AUDIT_WRITER_PASSWORD_FILE);
    expect(writers).toEqual([databaseServer('audit')]);
  });

  it.each([...hubServices, 'witness'])('gives %s only its own private key (the witness none) and the trusted public keys', (name) => {
    const keysDir = env(name).HUB_KEYS_DIR;
    expect(keysDir).toBe('/run/secrets');
    const files = secretFiles(name);
    const keys = Object.entries(files).filter(([, file]) => file.endsWith('.jwk.json') || file.endsWith('.jwks.json'));
    const expected = name === 'witness' ? [] : [[`${keysDir}/${name}.private.jwk.json`, `./secrets/keys/${name}.private.jwk.json`]];
    expect(keys.sort()).toEqual([...expected, [`${keysDir}/trusted.jwks.json`, './secrets/keys/trusted.jwks.json']].sort());
  });

  it("gives the witness its own key as a secret file and pins its public half in the audit service, and no one else either", () => {
    expect(env('witness').HUB_WITNESS_KEY_FILE).toBe('/run/secrets/witness.key.pem');
    expect(secretFiles('witness')['/run/secrets/witness.key.pem']).toBe('./secrets/keys/witness.key.pem');
    expect(env('audit').HUB_WITNESS_VKEY_FILE).toBe('/run/secrets/witness.vkey');
    expect(secretFiles('audit')['/run/secrets/witness.vkey']).toBe('./secrets/keys/witness.vkey');
    for (const name of hubServices) {
      const files = Object.values(secretFiles(name));
      expect([name, files.includes('./secrets/keys/witness.key.pem')]).toEqual([name, false]);
      if (name !== 'audit') expect([name, files.includes('./secrets/keys/witness.vkey')]).toEqual([name, false]);
    }
  });

  it('takes every secret from a file under secrets/ that npm run deploy-secrets writes, and git and docker ignore', async () => {
    const files = Object.values(compose.secrets).map((s) => s.file ?? '');
    for (const file of files) expect(file).toMatch(/^\.\/secrets\//);
    expect(read('.gitignore').split('\n')).toContain('secrets/');
    expect(read('.dockerignore').split('\n')).toContain('secrets');
    const target = mkdtempSync(join(tmpdir(), 'hub-secrets-'));
    try {
      const written = await writeDeploymentSecrets(target);
      expect(written.map((f) => `./${f}`).sort()).toEqual([...files].sort());
      for (const file of files) expect(statSync(join(target, file)).size).toBeGreaterThan(0);
      expect(statSync(join(target, 'secrets')).mode & 0o777).toBe(0o700);
      const trusted = JSON.parse(readFileSync(join(target, 'secrets/keys/trusted.jwks.json'), 'utf8')) as { keys: { kid: string }[] };
      expect(trusted.keys.map((k) => k.kid).sort()).toEqual([...hubServices].sort());
      expect(await writeDeploymentSecrets(target)).toEqual([]);
      // The witness, started on its key file as compose starts it, announces exactly the key the audit service pins.
      const witness = await startServiceProcess({
        name: 'witness',
        entry: join(root, serviceEntry('witness')),
        env: {
          PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', HUB_KEYS_DIR: join(target, 'secrets/keys'),
          HUB_WITNESS_DIR: join(target, 'witness-state'), HUB_WITNESS_KEY_FILE: join(target, 'secrets/keys/witness.key.pem'),
        },
        onLog: () => undefined,
      });
      try {
        const announced = (await (await fetch(`${witness.url}/vkey`)).text()).trim();
        expect(announced).toBe(readFileSync(join(target, 'secrets/keys/witness.vkey'), 'utf8').trim());
        expect(announced.startsWith(`${WITNESS_DEFAULT_NAME}+`)).toBe(true);
      } finally {
        await witness.stop();
      }
    } finally {
      rmSync(target, { recursive: true, force: true });
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
    expect(readGatewayConfig(withPasswordFiles(gatewayEnv)).subgraphUrls).toEqual(expected);
  });

  it('lets every subgraph reach coordination by its service name and default port, on a network both join', () => {
    for (const name of subgraphNames) {
      const url = new URL(env(name).COORDINATION_INTERNAL_URL ?? '');
      expect([name, url.hostname, url.port]).toEqual([name, 'coordination', String(defaultPorts.coordination)]);
      expect([name, service(name).networks?.some((n) => service('coordination').networks?.includes(n) && !n.startsWith('db-'))]).toEqual([name, true]);
    }
  });

  it.each([...hubServices, 'witness'])('sets or documents as optional every variable %s reads, and no other', (name) => {
    const reads: readonly string[] =
      name === 'gateway'
        ? [...gatewayEnvironment, ...subgraphNames.map(serviceUrlVariable)]
        : name === 'witness'
          ? witnessEnvironment
          : [...subgraphEnvironment, ...(subgraphOwnEnvironment[name as (typeof subgraphNames)[number]] ?? [])];
    const set = Object.keys(env(name));
    const optional = documentedOptional(name);
    expect(reads.filter((v) => !set.includes(v) && !optional.has(v))).toEqual([]);
    expect([...set, ...optional].filter((v) => !reads.includes(v))).toEqual([]);
  });

  it('runs the gateway in local mode by default, reachable from this machine only, with its data on a volume', () => {
    const config = readGatewayConfig(withPasswordFiles(env('gateway')));
    expect(config.mode).toBe('local');
    expect(config.oidc).toBeNull();
    // Local mode issues a token for any identity to whoever asks: never published beyond loopback.
    expect(service('gateway').ports?.map((p) => p.split(':')[0])).toEqual(['127.0.0.1']);
    expect(mounts('gateway').find((m) => m.target === config.dataDir)?.source).toBe('gateway-data');
    expect(compose.volumes).toHaveProperty('gateway-data');
  });

  it('starts subgraphs after their healthy database servers and access log, and the gateway after every healthy subgraph', () => {
    for (const name of subgraphNames) {
      expect([name, service(name).depends_on?.[databaseServer(name)]?.condition]).toEqual([name, 'service_healthy']);
      expect([name, service(name).depends_on?.[databaseServer('audit')]?.condition]).toEqual([name, 'service_healthy']);
      expect([name, service('gateway').depends_on?.[name]?.condition]).toEqual([name, 'service_healthy']);
    }
    for (const name of hubServices.filter((n) => n !== 'audit')) {
      expect([name, service(name).depends_on?.audit?.condition]).toEqual([name, 'service_healthy']);
    }
    expect(service('audit').depends_on?.witness?.condition).toBe('service_healthy');
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
    expect(built.map(([name]) => name)).toEqual(['gateway']);
    const context = built[0]![1].build;
    expect(typeof context === 'string' ? context : context?.context).toBe('.');
    for (const name of hubServices) expect([name, service(name).image]).toEqual([name, service('gateway').image]);
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

  it('starts every service as node and its compiled entry, which the image builds from the source it copies', () => {
    const cmd = instructions.find((i) => i.startsWith('CMD '));
    const commands = [
      JSON.parse(cmd!.slice(4)) as string[],
      ...hubServices.map((name) => service(name).command ?? []),
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
    // The image compiles the repository it copied, then drops the development dependencies (the compiler, the loader).
    const build = instructions.findIndex((i) => /^RUN\b.*\bnpm run build\b/.test(i));
    expect(build).toBeGreaterThan(instructions.indexOf('COPY . .'));
    expect(instructions[build]).toMatch(/npm run build && npm prune --omit=dev\b/);
    for (const command of commands) {
      // No TypeScript loader: `node <entry>`, the entry a compiled file under a workspace's dist/.
      expect(command).toEqual(['node', command[1]]);
      const entry = command[1] ?? '';
      const source = sourcePath(entry);
      expect(compiledPath(source)).toBe(entry);
      for (const file of [source, entry]) {
        expect([file, existsSync(join(root, file)) && statSync(join(root, file)).isFile()]).toEqual([file, true]);
      }
      for (const file of [source, 'package.json', '.swcrc', 'shared/src/build/build-services.ts', 'gateway/supergraph.graphql']) {
        expect([file, isIgnored(file)]).toEqual([file, false]);
      }
      // What the host compiled never reaches the image: it compiles its own.
      expect([entry, isIgnored(entry)]).toEqual([entry, true]);
    }
    for (const local of ['node_modules', '.data', 'gateway/node_modules', 'subgraphs/police/node_modules', 'gateway/dist', 'subgraphs/police/dist']) {
      expect([local, isIgnored(local)]).toEqual([local, true]);
    }
  });
});
