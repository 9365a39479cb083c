/**
 * The build every service runs from (build-services.ts), on a repository of two workspaces made for the test:
 * the compiled code runs under plain `node` (no loader), keeps decorator metadata, reaches the other workspace's
 * compiled code, and a second build compiles only what changed and removes what has no source any more.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildServices, repoRoot, rewriteWorkspaceImports } from '../build-services';
import { compiledPath, sourcePath } from '../compiled-path';

const reflectMetadata = require.resolve('reflect-metadata', { paths: [repoRoot] });
let root: string;

const write = (file: string, content: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
};
const run = (file: string) => execFileSync(process.execPath, [join(root, file)], { cwd: root, encoding: 'utf8' }).trim();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hub-build-'));
  copyFileSync(join(repoRoot, '.swcrc'), join(root, '.swcrc'));
  write('package.json', JSON.stringify({ name: 'fixture', private: true, workspaces: ['lib', 'apps/*'] }));
  write('lib/package.json', JSON.stringify({ name: '@fixture/lib', main: 'src/index.ts' }));
  write('lib/src/index.ts', "export { shout } from './text/shout';\n");
  write('lib/src/text/shout.ts', 'export const shout = (s: string): string => `${s.toUpperCase()}!`;\n');
  write('lib/src/template.sql', 'SELECT 1;\n');
  write('lib/src/__tests__/shout.test.ts', "throw new Error('a unit test is not compiled');\n");
  write('apps/app/package.json', JSON.stringify({ name: '@fixture/app', main: 'src/index.ts' }));
  write(
    'apps/app/src/index.ts',
    [
      `import '${reflectMetadata}';`,
      "import { shout } from '@fixture/lib';",
      "import { shout as deep } from '@fixture/lib/src/text/shout';",
      'const Field = (): PropertyDecorator => () => undefined;',
      'class Victim {',
      '  @Field() alias!: string;',
      '  @Field() birthYear!: number;',
      '}',
      "const type = (key: string) => (Reflect.getMetadata('design:type', Victim.prototype, key) as { name: string }).name;",
      "console.log([shout('compiled'), deep('deep'), type('alias'), type('birthYear')].join(' '));",
      '',
    ].join('\n'),
  );
  // npm links each workspace into node_modules; so does the fixture.
  mkdirSync(join(root, 'node_modules/@fixture'), { recursive: true });
  symlinkSync(join(root, 'lib'), join(root, 'node_modules/@fixture/lib'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

it('compiles every workspace to JavaScript that plain node runs, with decorator metadata and the other workspace compiled', async () => {
  const first = await buildServices(root);
  expect(first).toMatchObject({ files: 4, compiled: 4, removed: 0, workspaces: ['lib', 'apps/app'] });
  expect(run('apps/app/dist/index.js')).toBe('COMPILED! DEEP! String Number');
  // Imports of the other workspace lead to its dist/, never to its TypeScript.
  expect(readFileSync(join(root, 'apps/app/dist/index.js'), 'utf8')).toContain('require("@fixture/lib/dist/index.js")');
  expect(readFileSync(join(root, 'apps/app/dist/index.js'), 'utf8')).toContain('require("@fixture/lib/dist/text/shout")');
  expect(readFileSync(join(root, 'lib/dist/template.sql'), 'utf8')).toBe('SELECT 1;\n');
  expect(existsSync(join(root, 'lib/dist/__tests__'))).toBe(false);
  expect(existsSync(join(root, 'lib/dist/text/shout.js.map'))).toBe(true);
});

it('compiles again only what changed, and removes compiled files whose source is gone', async () => {
  await buildServices(root);
  expect(await buildServices(root)).toMatchObject({ compiled: 0, removed: 0 });
  write('lib/src/text/shout.ts', 'export const shout = (s: string): string => `${s.toLowerCase()}?`;\n');
  expect(await buildServices(root)).toMatchObject({ compiled: 1, removed: 0 });
  expect(run('apps/app/dist/index.js')).toBe('compiled? deep? String Number');
  rmSync(join(root, 'lib/src/template.sql'));
  expect(await buildServices(root)).toMatchObject({ compiled: 0, removed: 1 });
  expect(existsSync(join(root, 'lib/dist/template.sql'))).toBe(false);
  // A compiled file damaged or deleted by hand is compiled again.
  rmSync(join(root, 'lib/dist/text/shout.js'));
  expect(await buildServices(root)).toMatchObject({ compiled: 1 });
  expect(run('apps/app/dist/index.js')).toBe('compiled? deep? String Number');
});

it('maps each source file to its compiled file and back, at the same folder depth', () => {
  expect(compiledPath('gateway/src/index.ts')).toBe('gateway/dist/index.js');
  expect(compiledPath('/home/src/hub/subgraphs/police/src/resolvers/victim.resolver.ts')).toBe(
    '/home/src/hub/subgraphs/police/dist/resolvers/victim.resolver.js',
  );
  expect(sourcePath('subgraphs/audit/dist/cli/export-cli.js')).toBe('subgraphs/audit/src/cli/export-cli.ts');
  expect(() => compiledPath('gateway/supergraph.graphql')).toThrow();
});

it('rewrites only imports of workspaces, and only into their source', () => {
  const packages = [{ dir: 'shared', name: '@hub/shared', main: 'src/index.ts' }];
  expect(rewriteWorkspaceImports('require("@hub/shared"); require("@hub/shared/src/a/b"); require("@hub/other"); require("graphql")', packages)).toBe(
    'require("@hub/shared/dist/index.js"); require("@hub/shared/dist/a/b"); require("@hub/other"); require("graphql")',
  );
});
