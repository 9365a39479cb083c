/**
 * `npm run schemas`: writes every subgraph's `schema.graphql` from its code.
 * `npm run compose`: composes those files into `gateway/supergraph.graphql`.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { subgraphNames } from '../config/services';
import { composeSupergraph, printSubgraphSchema, repoRoot, subgraphSchemaPath, supergraphPath } from './subgraph-schemas';

const command = process.argv[2];
try {
  if (command === 'schemas') {
    for (const name of subgraphNames) {
      writeFileSync(subgraphSchemaPath(name), printSubgraphSchema(name));
      console.log(`wrote ${relative(repoRoot, subgraphSchemaPath(name))}`);
    }
  } else if (command === 'compose') {
    writeFileSync(supergraphPath, composeSupergraph());
    console.log(`wrote ${relative(repoRoot, supergraphPath)}`);
  } else {
    throw new Error('usage: schemas-cli.ts schemas|compose');
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
