// Lint: a few rules as errors that keep the architecture readable (see docs/architecture.md#conventions).
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
// Every folder under subgraphs/ is a workspace (package.json `workspaces`), one per agency registry entry with a
// subgraph; test/schema checks that the folders and the registry agree.
const subgraphs = readdirSync(`${root}/subgraphs`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.data/**', 'test-artifacts/**', 'gateway/console/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    // Decorated classes keep value imports: decorator metadata may reference them at run time.
    languageOptions: { parser: tseslint.parser, parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': ['error', { maxDepth: 6 }],
      'import-x/no-self-import': 'error',
    },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js'] })] },
  },
  // Every workspace declares what it imports (dev tools come from the root).
  ...['shared', 'gateway', 'test', 'witness', ...subgraphs.map((s) => `subgraphs/${s}`)].map((workspace) => ({
    files: [`${workspace}/**/*.ts`],
    rules: {
      'import-x/no-extraneous-dependencies': ['error', { packageDir: [`${root}/${workspace}`, root], devDependencies: true }],
    },
  })),
  // Shared is below every service: it never imports a subgraph or the gateway.
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@hub/gateway*', ...subgraphs.map((s) => `@hub/${s}*`)], message: 'shared/ never depends on a service' }] }],
    },
  },
  // A subgraph never imports another subgraph (or the gateway): what two need lives in shared/.
  ...subgraphs.map((name) => ({
    files: [`subgraphs/${name}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@hub/gateway*', ...subgraphs.filter((s) => s !== name).map((s) => `@hub/${s}*`)], message: 'a subgraph never imports another service' },
            { group: ['../../../*/src/**', '../../*/src/**'], message: 'a subgraph never reaches into another folder' },
          ],
        },
      ],
    },
  })),
);
