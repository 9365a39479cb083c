import {
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  defaultFieldResolver,
  isObjectType,
  Kind,
} from 'graphql';
import type { Maybe } from 'graphql/jsutils/Maybe';
import { DataCategory } from '../domain/enums';
import { deniedField } from '../errors/hub-error';
import { victimBindingOf } from '../agency-kit/victim-binding';
import { policyEnforced } from '../benchmark/unguarded-mode';
import type { AccessController } from './access-controller';
import type { AccessDecision } from './decide';
import { decideDerivedValue } from './derived-value';
import { derivedFieldsOf, fieldInputs, recordInputsOf } from './derived-field';

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
 * lists alike. A field declared derived (`DerivedField`) is decided on every input it is computed from — those it
 * declares, and those its record names (`recordInputs`) — as one decision (`decideDerivedValue`): readable when all
 * of them are, and noted with each, else refused with the first refused input's code and category.
 */
export function enforceCategories(schema: GraphQLSchema): CategorisedField[] {
  const fields: CategorisedField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const fieldName of derivedFieldsOf(type.name)) {
      const field = type.getFields()[fieldName];
      if (field && !categoryOf(field)) throw new Error(`${type.name}.${fieldName} is declared derived but has no @category`);
    }
    for (const field of Object.values(type.getFields())) {
      const category = categoryOf(field);
      if (!category) continue;
      const victimIdOf = victimBindingOf(type.name);
      if (!victimIdOf) {
        throw new Error(
          `${type.name}.${field.name} is categorised but ${type.name} declares no victim binding: add @AboutVictim(…) or @AboutVictimReached() or @AboutNoVictim() to the type`,
        );
      }
      const inputs = fieldInputs(type.name, field.name, category);
      fields.push({ typeName: type.name, fieldName: field.name, category });
      // The benchmark's unguarded mode only: the resolvers as they are, no decision in front of them.
      if (!policyEnforced()) continue;
      const resolve: GraphQLFieldResolver<unknown, { access: AccessController }> = field.resolve ?? defaultFieldResolver;
      const refuse = (info: GraphQLResolveInfo, refused: DataCategory, decision: AccessDecision & { allow: false }) =>
        // Located here, so graphql-js does not copy it into an error with a stack trace of its own.
        deniedField(info, decision.code, `Access to ${type.name}.${field.name} (${refused}) refused: ${decision.reason}`, {
          category: refused,
          ...(decision.code === 'SUBGRAPH_UNAVAILABLE' ? { service: decision.service } : {}),
        });
      const recordInputs = recordInputsOf(type.name, field.name);
      if (inputs.length === 1 && !recordInputs) {
        field.resolve = async (parent, args, context, info) => {
          const victimId = victimIdOf(parent);
          const decision = await context.access.decideField(victimId, type.name, field.name, category);
          if (!decision.allow) throw refuse(info, category, decision);
          return resolve(parent, args, context, info);
        };
        continue;
      }
      field.resolve = async (parent, args, context, info) => {
        const victimId = victimIdOf(parent);
        const all = recordInputs ? [...new Set([...inputs, ...recordInputs(parent)])] : inputs;
        // The field's own category as any field's; another input as a derived value reads it (decideDerivedValue).
        const decided = await decideDerivedValue(context.access, victimId, type.name, field.name, all, category);
        if (!decided.allow) throw refuse(info, decided.refused, decided.decision);
        return resolve(parent, args, context, info);
      };
    }
  }
  return fields;
}
