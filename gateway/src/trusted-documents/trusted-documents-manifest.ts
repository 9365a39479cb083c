import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  validate,
  visit,
} from 'graphql';

/** One registered operation, in the shape of Apollo's persisted query manifest (plus the client that registered it). */
export interface TrustedDocument {
  /** sha256 (hex) of `body`; clients send it as `documentId: "sha256:<id>"` or as an APQ `sha256Hash`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The operation and the fragments it uses, printed by graphql-js (so the formatting of the source does not matter). */
  body: string;
  /** The file the operation came from: `gateway/trusted-documents/<client>.graphql`. */
  client: string;
}

export interface TrustedDocumentsManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: TrustedDocument[];
}

export const trustedDocumentsDir = join(__dirname, '../../trusted-documents');
export const manifestPath = join(trustedDocumentsDir, 'manifest.json');
export const supergraphPath = join(__dirname, '../../supergraph.graphql');

export const documentId = (body: string): string => createHash('sha256').update(body, 'utf8').digest('hex');

/** The fragments an operation uses, directly or through other fragments, in order of first use. */
function fragmentsOf(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, file: string): FragmentDefinitionNode[] {
  const used: FragmentDefinitionNode[] = [];
  const pending: DefinitionNode[] = [operation];
  while (pending.length > 0) {
    visit(pending.shift()!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (!fragment) throw new Error(`${file}: fragment ${node.name.value} is not defined in this file`);
        if (!used.includes(fragment)) {
          used.push(fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return used;
}

/** The operations of one client's file, each validated against the gateway's API schema. */
function documentsOfFile(path: string, schema: GraphQLSchema): TrustedDocument[] {
  const file = basename(path);
  const source: DocumentNode = parse(readFileSync(path, 'utf8'));
  const fragments = new Map(
    source.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return source.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      if (!operation.name) throw new Error(`${file}: every registered operation needs a name`);
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsOf(operation, fragments, file)] };
      const errors = validate(schema, document);
      if (errors.length > 0) throw new Error(`${file}: ${operation.name.value} does not fit the supergraph: ${errors.map((e) => e.message).join('; ')}`);
      const body = print(document);
      return { id: documentId(body), name: operation.name.value, type: operation.operation, body, client: file.replace(/\.graphql$/, '') };
    });
}

/** Builds the manifest from every `*.graphql` file in `dir`; fails on an invalid, unnamed or doubly named operation. */
export function buildTrustedDocumentsManifest(dir = trustedDocumentsDir, supergraphSdl = readFileSync(supergraphPath, 'utf8')): TrustedDocumentsManifest {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  const operations = files.flatMap((f) => documentsOfFile(join(dir, f), schema));
  const names = new Set<string>();
  for (const operation of operations) {
    if (names.has(operation.name)) throw new Error(`Operation ${operation.name} is registered twice: give each operation its own name`);
    names.add(operation.name);
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export const renderTrustedDocumentsManifest = (manifest: TrustedDocumentsManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
