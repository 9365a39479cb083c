/**
 * Every service of the test hub runs as compiled JavaScript (`npm run build`, shared/src/build/), as in
 * `npm start` and the image: the process is `node <workspace>/dist/index.js` — no TypeScript loader, whose
 * source-map-support rewrote every Error's stack — and the compiled entry is the build of today's source.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serviceEntry, subgraphNames } from '@hub/shared';
import { buildServices } from '@hub/shared/src/build/build-services';
import { testHub } from '../support/hub-info';

const repo = resolve(__dirname, '../..');
const services = ['gateway', 'witness', ...subgraphNames] as const;

it.each(services)('runs %s as node and its compiled entry, without a TypeScript loader', (name) => {
  const pid = testHub().services[name]?.pid;
  expect(pid).toBeGreaterThan(0);
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  expect(command).toEqual([process.execPath, join(repo, serviceEntry(name))]);
  expect(serviceEntry(name)).toMatch(/\/dist\/index\.js$/);
});

it('ran the services from a build of the current source: building again compiles nothing', async () => {
  expect(await buildServices()).toMatchObject({ compiled: 0, removed: 0 });
});
