/**
 * The deployment's database roles, on a real PostgreSQL (the test run's): the SQL of deploy/postgres/init.sh, run
 * as a database server's superuser would run it, makes each subgraph a login role that is no superuser and owns
 * its database only; every subgraph's migrations run as that role (HUB_MIGRATE_ONLY=1, as the migration jobs do);
 * a subgraph started the way docker-compose.yml and the Kubernetes manifests start it — passwords from files
 * (DATABASE_PASSWORD_FILE, AUDIT_WRITER_PASSWORD_FILE), only its own private key — connects and is ready; and the
 * roles cannot connect to each other's databases.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AUDIT_WRITER_ROLE, type SubgraphName, databaseName, serviceEntry, subgraphNames } from '@hub/shared';
import { nodeArguments } from '@hub/shared/src/process/node-arguments';
import { startServiceProcess } from '@hub/shared/src/local/service-process';
import { postgresUrl, testHub } from '../support/hub-info';

const root = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'hub-database-roles-'));
const suffix = `${process.pid}`;
/** Names of this test's own databases and roles, beside the test hub's. */
const testDatabase = (name: SubgraphName): string => `${databaseName(name)}_roles_${suffix}`;
const writerRole = `${AUDIT_WRITER_ROLE}_roles_${suffix}`;
const passwordOf = (name: string): string => `pw-${name}-${suffix}`;
const passwordFile = (name: string): string => {
  const path = join(work, `${name}.password`);
  writeFileSync(path, `${passwordOf(name)}\n`);
  return path;
};

/** The SQL blocks (`<<'SQL'` … `SQL`) of the committed init script. */
const initBlocks = [...readFileSync(join(root, 'deploy/postgres/init.sh'), 'utf8').matchAll(/<<'SQL'\n([\s\S]*?)\nSQL\n/g)].map((m) => m[1]!);

/** Runs a block as psql would: `\getenv` from `environment`, then `:"var"` as an identifier and `:'var'` as a literal. */
async function runAsPsql(block: string, environment: Record<string, string>): Promise<void> {
  const variables: Record<string, string> = {};
  const statements: string[] = [];
  for (const line of block.split('\n')) {
    const getenv = /^\\getenv (\w+) (\w+)$/.exec(line);
    if (getenv) variables[getenv[1]!] = environment[getenv[2]!] ?? '';
    else statements.push(line);
  }
  const sql = statements
    .join('\n')
    .replace(/:"(\w+)"/g, (_m, v: string) => `"${variables[v]!.replace(/"/g, '""')}"`)
    .replace(/:'(\w+)'/g, (_m, v: string) => `'${variables[v]!.replace(/'/g, "''")}'`);
  const client = new Client({ connectionString: postgresUrl('postgres') });
  await client.connect();
  try {
    for (const statement of sql.split(/;\n/).map((s) => s.trim()).filter(Boolean)) await client.query(statement);
  } finally {
    await client.end();
  }
}

const port = (): number => testHub().postgresPort;
const roleUrl = (role: string, database: string): string => `postgres://${role}@127.0.0.1:${port()}/${database}`;

async function asSuperuser<T>(database: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs a subgraph's entry with these variables to the end; resolves with its exit code and output. */
function runToEnd(name: SubgraphName, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArguments(join(root, serviceEntry(name))), {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  expect(initBlocks).toHaveLength(2);
  for (const name of subgraphNames) {
    await runAsPsql(initBlocks[0]!, {
      HUB_DATABASE_NAME: testDatabase(name),
      HUB_DATABASE_OWNER: testDatabase(name),
      OWNER_PASSWORD: passwordOf(testDatabase(name)),
    });
  }
  // The writer role under a name of its own (the test hub already has hub_audit_writer), on audit's test database.
  await runAsPsql(initBlocks[1]!.replaceAll(AUDIT_WRITER_ROLE, writerRole), {
    HUB_DATABASE_NAME: testDatabase('audit'),
    WRITER_PASSWORD: passwordOf(writerRole),
  });
}, 60_000);

afterAll(async () => {
  await asSuperuser('postgres', async (c) => {
    for (const name of subgraphNames) await c.query(`DROP DATABASE IF EXISTS "${testDatabase(name)}" WITH (FORCE)`);
    for (const role of [...subgraphNames.map(testDatabase), writerRole]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    // The init script closes the server's maintenance database to PUBLIC; this server is the test run's.
    await c.query('GRANT CONNECT, TEMPORARY ON DATABASE postgres TO PUBLIC');
  });
  rmSync(work, { recursive: true, force: true });
});

it('creates each subgraph a login role that is no superuser, cannot create databases or roles, and owns its database only', async () => {
  const roles = await asSuperuser('postgres', async (c) => {
    const result = await c.query<{ rolname: string; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; rolcanlogin: boolean; owns: string[] }>(
      `SELECT r.rolname, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolcanlogin,
              array(SELECT datname::text FROM pg_database WHERE datdba = r.oid ORDER BY 1) AS owns
         FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname`,
      [[...subgraphNames.map(testDatabase), writerRole]],
    );
    return result.rows;
  });
  const expected = [
    ...subgraphNames.map((n) => ({ rolname: testDatabase(n), owns: [testDatabase(n)] })),
    { rolname: writerRole, owns: [] },
  ].map((r) => ({ ...r, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolcanlogin: true }));
  expect(roles).toEqual(expected.sort((a, b) => a.rolname.localeCompare(b.rolname)));
});

it("lets no role connect to another subgraph's database, and the writer only to the access log's", async () => {
  const connects = async (role: string, database: string): Promise<boolean> => {
    const url = new URL(roleUrl(role, database));
    url.password = passwordOf(role);
    const client = new Client({ connectionString: url.toString() });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      expect((error as Error).message).toMatch(/permission denied/);
      return false;
    }
  };
  expect(await connects(testDatabase('police'), testDatabase('police'))).toBe(true);
  expect(await connects(testDatabase('police'), testDatabase('health'))).toBe(false);
  expect(await connects(testDatabase('health'), testDatabase('audit'))).toBe(false);
  expect(await connects(writerRole, testDatabase('audit'))).toBe(true);
  expect(await connects(writerRole, testDatabase('police'))).toBe(false);
});

it.each([...subgraphNames])("runs the migrations of %s as its own role, which then owns every table they create", async (name) => {
  const database = testDatabase(name);
  const { code, output } = await runToEnd(name, {
    DATABASE_URL: roleUrl(database, database),
    DATABASE_PASSWORD_FILE: passwordFile(database),
    HUB_MIGRATE_ONLY: '1',
  });
  expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  const tables = await asSuperuser(database, async (c) =>
    (await c.query<{ tablename: string; tableowner: string }>(`SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'`)).rows,
  );
  expect(tables.length).toBeGreaterThan(1);
  expect(tables.filter((t) => t.tableowner !== database)).toEqual([]);
});

it('starts a subgraph with its passwords from files and only its own private key, connected and ready', async () => {
  const name: SubgraphName = 'police';
  const database = testDatabase(name);
  const hub = testHub();
  // Only this service's key and the trusted set, as a deployment mounts them.
  const keys = mkdtempSync(join(work, 'keys-'));
  for (const file of [`${name}.private.jwk.json`, 'trusted.jwks.json']) copyFileSync(join(hub.keysDir, file), join(keys, file));
  const service = await startServiceProcess({
    name,
    entry: join(root, serviceEntry(name)),
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: roleUrl(database, database),
      DATABASE_PASSWORD_FILE: passwordFile(database),
      // The test hub's access log, as its writer role, with the password the launcher keeps in a file.
      AUDIT_WRITER_URL: roleUrl(AUDIT_WRITER_ROLE, databaseName('audit')),
      AUDIT_WRITER_PASSWORD_FILE: join(hub.keysDir, 'audit-writer.secret'),
      HUB_KEYS_DIR: keys,
      COORDINATION_INTERNAL_URL: hub.services.coordination!.url.replace(/\/graphql$/, ''),
      LOG_LEVEL: 'warn',
    },
    onLog: () => undefined,
  });
  try {
    const ready = await fetch(`${service.url.replace(/\/graphql$/, '')}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ready', service: name, checks: { database: 'ok', auditStore: 'ok', keys: 'ok' } },
    });
  } finally {
    await service.stop();
  }
});

it('refuses to start when a password file is missing, naming the variable', async () => {
  const database = testDatabase('health');
  const { code, output } = await runToEnd('health', {
    DATABASE_URL: roleUrl(database, database),
    DATABASE_PASSWORD_FILE: join(work, 'no-such-file'),
    HUB_MIGRATE_ONLY: '1',
  });
  expect(code).toBe(1);
  expect(output).toContain('DATABASE_PASSWORD_FILE: cannot read');
});
