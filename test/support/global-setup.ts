import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildServices, describeBuild } from '@hub/shared/src/build/build-services';
import { newHubInfoPath } from './hub-info';

/**
 * Compiles the services (once per run, only what changed: every service the tests start runs its compiled
 * JavaScript), then starts one hub for the whole test run, in a child process (see test-hub-process.ts), and
 * tells the test files where it is through HUB_TEST_INFO.
 */
export default async function globalSetup(): Promise<void> {
  process.stdout.write(`\n${describeBuild(await buildServices())}\n`);
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'test-hub-process.ts')], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    // A hub that does not start in time is stopped (its services and PostgreSQL with it), not left running.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('the test hub did not start within 180 s'));
    }, 180_000);
    createInterface({ input: child.stdout! }).once('line', (first) => {
      clearTimeout(timer);
      resolve(first);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test hub exited during start (code ${code})`));
    });
  });
  const infoPath = newHubInfoPath();
  writeFileSync(infoPath, line);
  process.env.HUB_TEST_INFO = infoPath;
  process.stdout.write(`\ntest hub started in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  (globalThis as { __HUB_PROCESS__?: typeof child }).__HUB_PROCESS__ = child;
}
