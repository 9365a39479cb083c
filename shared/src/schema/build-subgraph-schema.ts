import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { Query, Resolver, buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DataCategory } from '../domain/enums';
import { CATEGORY_SPEC_URL, categoryDirectiveSdl } from './category';

const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@composeDirective'];

/** The schema header every subgraph shares: federation 2 and the hub's `@category` directive. */
export const subgraphSchemaHeader = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ${JSON.stringify(FEDERATION_IMPORTS)})
  @link(url: "${CATEGORY_SPEC_URL}", import: ["@category"])
  @composeDirective(name: "@category")
${categoryDirectiveSdl}`;

const dataCategoryEnumSdl = `
"""Data category of a personal field; decides who may read it."""
enum DataCategory {
${Object.values(DataCategory)
  .map((c) => `  ${c}`)
  .join('\n')}
}
`;

const PLACEHOLDER_QUERY = '_subgraphPlaceholder';

/**
 * type-graphql refuses a schema without a query, but an agency subgraph may only extend `Victim`.
 * This query is added to every build and removed again from the SDL; federation adds `_entities`.
 */
@Resolver()
class PlaceholderQueryResolver {
  @Query(() => Boolean, { name: PLACEHOLDER_QUERY })
  placeholder(): boolean {
    return true;
  }
}

const withoutPlaceholder = (sdl: string): string =>
  sdl
    .replace(new RegExp(`\\n\\s*${PLACEHOLDER_QUERY}: Boolean!`), '')
    .replace(/\ntype Query \{\s*\}\n/, '\n')
    // The root types carry their default names; federation adds Query when a subgraph has none.
    .replace(/^schema \{[^}]*\}\n/m, '');

/**
 * Turns type-graphql resolvers into a federation subgraph schema:
 * type-graphql schema → SDL with directives → `buildSubgraphSchema` with the same resolvers,
 * plus reference resolvers (`__resolveReference`) keyed by type name.
 */
export async function buildHubSubgraphSchema(options: {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
   
  referenceResolvers?: GraphQLResolverMap<any>;
}): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: [...options.resolvers, PlaceholderQueryResolver],
    orphanedTypes: options.orphanedTypes ?? [],
    validate: { forbidUnknownValues: false },
  });
  // type-graphql prints directive arguments as strings; the category is an enum value.
  const body = withoutPlaceholder(printSchemaWithDirectives(typeGraphqlSchema)).replace(
    /@category\(name: "([A-Z_]+)"\)/g,
    "@category(name: $1)",
  );
  // The directive's argument type must exist in every subgraph, whether or not a field uses it.
  const categoryEnum = /\benum DataCategory\b/.test(body) ? '' : dataCategoryEnumSdl;
  const sdl = `${subgraphSchemaHeader}${categoryEnum}\n${body}\n`;
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  delete (resolvers.Query as Record<string, unknown> | undefined)?.[PLACEHOLDER_QUERY];
  if (resolvers.Query && Object.keys(resolvers.Query).length === 0) delete resolvers.Query;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(reference as object) };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
