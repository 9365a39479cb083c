import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { subgraphNames } from '@hub/shared';
import {
  composeSupergraph,
  printSubgraphSchema,
  repoRoot,
  subgraphSchemaPath,
  supergraphPath,
} from '@hub/shared/src/schema/subgraph-schemas';

/**
 * Issue 2, item 8: the committed schema files are what the code serves. The gateway loads the committed
 * supergraph (no run-time introspection) and agency developers read the committed files, so a stale file
 * would misdescribe the hub.
 */

const stale = (file: string, command: string): string =>
  `${relative(repoRoot, file)} is stale: run \`${command}\` and commit the result`;

describe('committed schema files', () => {
  it.each([...subgraphNames])('subgraphs/%s/schema.graphql is the schema its code prints', (name) => {
    const committed = readFileSync(subgraphSchemaPath(name), 'utf8');
    const printed = printSubgraphSchema(name);
    if (committed !== printed) throw new Error(`${stale(subgraphSchemaPath(name), 'npm run schemas')}\n${firstDifference(committed, printed)}`);
    // Both sides are real schemas, not two empty outputs: every subgraph links the hub's @category.
    expect(committed).toContain('directive @category');
  });

  it('gateway/supergraph.graphql is the composition of the committed subgraph schemas', () => {
    const committed = readFileSync(supergraphPath, 'utf8');
    const composed = composeSupergraph();
    if (committed !== composed) throw new Error(`${stale(supergraphPath, 'npm run compose')}\n${firstDifference(committed, composed)}`);
    for (const name of subgraphNames) expect(committed).toContain(`@join__graph(name: "${name}"`);
  });
});

/** The first line where the committed file and the generated text part, to show what changed. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `first difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}`;
}
