/**
 * What one error costs, measured in this process (run by `npm run bench:errors`, test/benchmark/error-cost-bench.ts,
 * once compiled and once through the TypeScript loader): a bug's Error with its stack, and a denied field the way
 * graphql-js handles it — the resolver throws, and graphql-js wraps what has no path yet in a located GraphQLError
 * (`locatedError`) with a stack of its own. Prints one line of JSON: nanoseconds per error, by case.
 */
import { GraphQLError, Kind, type FieldNode, locatedError } from 'graphql';
import { HubError, deniedField } from './hub-error';

const field: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'reflectionPeriod' } };
const info = { fieldNodes: [field], path: { prev: { prev: undefined, key: 'victim', typename: 'Query' }, key: 'reflectionPeriod', typename: 'Victim' } };
const path = ['victim', 'reflectionPeriod'];
const message = 'Access to Victim.reflectionPeriod (IMMIGRATION) refused: no active consent names COORDINATION, IMMIGRATION and CASE_COORDINATION';
const extensions = { category: 'IMMIGRATION' };

/** Each case makes one error and returns something of it, so that nothing is optimised away. */
const cases: Record<string, () => unknown> = {
  // No error: what calling 40 frames deep costs by itself, the baseline of every case below.
  'baseline: no error': () => path,
  // A bug: an Error whose stack is read (logged).
  'bug: new Error, stack read': () => new Error(message).stack,
  // A denial as a plain GraphQLError: its own stack, and graphql-js's located copy.
  'denial as GraphQLError, located by graphql': () => locatedError(new GraphQLError(message, { extensions: { ...extensions, code: 'CONSENT_REQUIRED' } }), [field], path),
  // HubError without a stack, but still copied by graphql-js into a located GraphQLError (with a stack).
  'denial as HubError, located by graphql': () => locatedError(new HubError('CONSENT_REQUIRED', message, extensions), [field], path),
  // HubError located where it is made (deniedField): graphql-js passes it on as it is.
  'denial as deniedField(info)': () => locatedError(deniedField(info, 'CONSENT_REQUIRED', message, extensions), [field], path),
};

/** Runs `make` at a realistic stack depth (a resolver is called some 40 frames deep). */
function deep(depth: number, make: () => unknown): unknown {
  return depth === 0 ? make() : (deep(depth - 1, make) as unknown);
}

function nsPerError(make: () => unknown, count: number): number {
  let sink: unknown;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) sink = deep(40, make);
  const elapsed = Number(process.hrtime.bigint() - started);
  if (sink === Symbol.for('never')) console.log(sink);
  return elapsed / count;
}

export function measureErrorCosts(count = 20_000, rounds = 5): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, make] of Object.entries(cases)) {
    nsPerError(make, count / 4); // warm up
    const runs = Array.from({ length: rounds }, () => nsPerError(make, count)).sort((a, b) => a - b);
    result[name] = Math.round(runs[Math.floor(rounds / 2)]!);
  }
  return result;
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 20_000);
  console.log(
    JSON.stringify({
      loader: process.execArgv.includes('@swc-node/register'),
      // The loader installs source-map-support, which rewrites every stack that is read.
      sourceMapSupport: Object.keys(require.cache).some((file) => /source-map-support|sourcemap-support/.test(file)),
      ns: measureErrorCosts(count),
    }),
  );
}
