/** Prints one subgraph's SDL to stdout: `print-schema-cli.ts <subgraph>`. Used by `npm run schemas`. */
import 'reflect-metadata';
import { join } from 'node:path';
import type { SubgraphDefinition } from '../subgraph/subgraph-definition';
import { withAgencyKit } from '../agency-kit/rights/with-agency-kit';
import { buildHubSubgraphSchema } from './build-subgraph-schema';
import { repoRoot } from './subgraph-schemas';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error('usage: print-schema-cli.ts <subgraph>');
  // Loaded by path: shared never depends on a subgraph at build time.
  const module = (await import(join(repoRoot, 'subgraphs', name, 'src', 'definition.ts'))) as Record<string, unknown>;
  const declared = Object.values(module).find(
    (value): value is SubgraphDefinition => typeof value === 'object' && value !== null && (value as SubgraphDefinition).name === name,
  );
  if (!declared) throw new Error(`subgraphs/${name}/src/definition.ts exports no definition named ${name}`);
  const definition = withAgencyKit(declared);
  const { sdl } = await buildHubSubgraphSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    referenceResolvers: definition.referenceResolvers,
  });
  process.stdout.write(sdl);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
