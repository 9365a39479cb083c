import {
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  defaultFieldResolver,
  isObjectType,
  Kind,
} from 'graphql';
import type { Maybe } from 'graphql/jsutils/Maybe';
import { DataCategory } from '../domain/enums';
import { deniedField } from '../errors/hub-error';
import { victimBindingOf } from '../agency-kit/victim-binding';
import type { AccessController } from './access-controller';

export interface CategorisedField {
  typeName: string;
  fieldName: string;
  category: DataCategory;
}

/** The category a field declares with `@category(name: …)`, if any. */
export function categoryOf(field: { astNode?: Maybe<FieldDefinitionNode> }): DataCategory | null {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'category');
  const value = directive?.arguments?.[0]?.value;
  if (!value) return null;
  if ((value.kind === Kind.ENUM || value.kind === Kind.STRING) && value.value in DataCategory) {
    return value.value as DataCategory;
  }
  throw new Error(`@category has an unknown category: ${JSON.stringify(value)}`);
}

/**
 * Wraps the resolver of every categorised field (its type's declared victim binding says which victim it is about) so that, before a value leaves the subgraph, the access
 * policy is asked, the access noted for the log, and a refused field resolves to `null` with a coded error.
 * This covers plain resolvers, `_entities` (reference resolvers return parents; fields still pass here) and
 * lists alike.
 */
export function enforceCategories(schema: GraphQLSchema): CategorisedField[] {
  const fields: CategorisedField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const category = categoryOf(field);
      if (!category) continue;
      const victimIdOf = victimBindingOf(type.name);
      if (!victimIdOf) {
        throw new Error(
          `${type.name}.${field.name} is categorised but ${type.name} declares no victim binding: add @AboutVictim(…) or @AboutNoVictim() to the type`,
        );
      }
      fields.push({ typeName: type.name, fieldName: field.name, category });
      const resolve: GraphQLFieldResolver<unknown, { access: AccessController }> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context, info) => {
        const victimId = victimIdOf(parent);
        const decision = await context.access.decide(victimId, category);
        context.access.note(victimId, type.name, field.name, category, decision);
        if (!decision.allow) {
          // Located here, so graphql-js does not copy it into an error with a stack trace of its own.
          throw deniedField(info, decision.code, `Access to ${type.name}.${field.name} (${category}) refused: ${decision.reason}`, {
            category,
          });
        }
        return resolve(parent, args, context, info);
      };
    }
  }
  return fields;
}
