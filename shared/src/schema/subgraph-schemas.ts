import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { defaultPorts, subgraphNames } from '../config/services';

export const repoRoot = join(__dirname, '../../..');
export const subgraphSchemaPath = (name: string): string => join(repoRoot, 'subgraphs', name, 'schema.graphql');
export const supergraphPath = join(repoRoot, 'gateway', 'supergraph.graphql');

const header = (name: string) =>
  `# The ${name} subgraph's schema, printed from its code by \`npm run schemas\`. Do not edit by hand.\n`;

/**
 * Prints a subgraph's schema from its code, in a process of its own: type-graphql keeps global metadata,
 * and every subgraph declares its own `Victim`.
 */
export function printSubgraphSchema(name: string): string {
  const sdl = execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'print-schema-cli.ts'), name], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return `${header(name)}${sdl.trim()}\n`;
}

/** Composes the committed subgraph schema files into a supergraph (no running services needed). */
export function composeSupergraph(): string {
  const result = composeServices(
    subgraphNames.map((name) => ({
      name,
      url: `http://127.0.0.1:${defaultPorts[name]}/graphql`,
      typeDefs: parse(readFileSync(subgraphSchemaPath(name), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
