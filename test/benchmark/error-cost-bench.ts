/**
 * `npm run bench:errors`: what one error costs a service, in nanoseconds, run compiled (as every service
 * runs) and through the TypeScript loader (as every service ran before, with source-map-support rewriting
 * stacks). A micro-benchmark that prints figures; no test times it. The cases: shared/src/errors/error-cost-probe.ts.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildServices, describeBuild } from '@hub/shared/src/build/build-services';
import { compiledPath } from '@hub/shared/src/build/compiled-path';
import { nodeArguments } from '@hub/shared/src/process/node-arguments';

const repo = resolve(__dirname, '../..');
const probe = 'shared/src/errors/error-cost-probe.ts';
const count = process.argv[2] ?? '20000';

async function main(): Promise<void> {
  console.log(describeBuild(await buildServices()));
  const runs = [
    { label: 'compiled', entry: join(repo, compiledPath(probe)) },
    { label: 'loader', entry: join(repo, probe) },
  ].map(({ label, entry }) => {
    const output = execFileSync(process.execPath, nodeArguments(entry, [count]), { cwd: repo, encoding: 'utf8' });
    return { label, ...(JSON.parse(output.trim().split('\n').pop()!) as { ns: Record<string, number>; sourceMapSupport: boolean }) };
  });
  const names = Object.keys(runs[0]!.ns);
  const width = Math.max(...names.map((n) => n.length));
  console.log(`\nns per error (median of 5 rounds of ${count}, made 40 frames deep)\n`);
  console.log(`${'case'.padEnd(width)}  ${runs.map((r) => r.label.padStart(10)).join('  ')}`);
  for (const name of names) console.log(`${name.padEnd(width)}  ${runs.map((r) => String(r.ns[name]).padStart(10)).join('  ')}`);
  console.log(`\nsource-map-support loaded: ${runs.map((r) => `${r.label} ${r.sourceMapSupport ? 'yes' : 'no'}`).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
