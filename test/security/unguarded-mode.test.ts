/**
 * The benchmark's unguarded mode (no access policy, no access log; shared/src/benchmark/unguarded-mode.ts) cannot
 * be started outside the benchmark: a subgraph given HUB_UNGUARDED_BENCHMARK against a database of the test hub
 * (real migrations, data, no benchmark mark) and a production-mode gateway given it both exit at start with an
 * error naming what is missing, before the subgraph has written anything to its database or either listened.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseName } from '@hub/shared';
import { postgresUrl, testHub } from '../support/hub-info';

const repoRoot = join(__dirname, '../..');
const nonce = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** Runs a service entry until it exits (or 90 s pass); its exit code and everything it printed. */
function runUntilExit(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(repoRoot, entry)], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not exit within 90 s; it printed:\n${output}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const auditWriterUrl = (): string => {
  const hub = testHub();
  const password = readFileSync(join(hub.keysDir, 'audit-writer.secret'), 'utf8').trim();
  return `postgres://hub_audit_writer:${encodeURIComponent(password)}@127.0.0.1:${hub.postgresPort}/hub_audit`;
};

describe('the unguarded mode outside the benchmark', () => {
  test('a subgraph on a database the benchmark did not create exits before it migrates, naming why', async () => {
    const hub = testHub();
    const police = databaseName('police');
    const client = new Client({ connectionString: postgresUrl(police) });
    await client.connect();
    const migrations = async () => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM migrations')).rows[0]!.n);
    const before = await migrations();
    try {
      const run = await runUntilExit('subgraphs/police/src/index.ts', {
        HUB_UNGUARDED_BENCHMARK: nonce,
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: postgresUrl(police),
        AUDIT_WRITER_URL: auditWriterUrl(),
        HUB_KEYS_DIR: hub.keysDir,
        HUB_DEMO_SEED: '2009',
        HUB_DEMO_AS_OF: new Date().toISOString(),
      });
      expect(run.code).toBe(1);
      expect(run.output).toContain('police refuses to start unguarded');
      expect(run.output).toContain("the database does not carry the benchmark's mark for this run");
      expect(run.output).toContain('the database was not empty when the service started');
      expect(run.output).not.toContain('listening');
      expect(await migrations()).toBe(before);
    } finally {
      await client.end();
    }
  }, 120_000);

  test('a gateway in production mode exits at start, naming production mode and the missing mark', async () => {
    const hub = testHub();
    const run = await runUntilExit('gateway/src/index.ts', {
      HUB_UNGUARDED_BENCHMARK: nonce,
      HUB_MODE: 'production',
      OIDC_ISSUER: 'https://login.example.org/realms/hub',
      OIDC_AUDIENCE: 'support-path-hub',
      HOST: '127.0.0.1',
      PORT: '0',
      HUB_KEYS_DIR: hub.keysDir,
      AUDIT_WRITER_URL: auditWriterUrl(),
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('gateway refuses to start unguarded');
    expect(run.output).toContain('production mode (HUB_MODE or NODE_ENV is production)');
    expect(run.output).toContain("the database does not carry the benchmark's mark for this run");
    expect(run.output).not.toContain('listening');
  }, 120_000);
});
