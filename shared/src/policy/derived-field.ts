import type { DataCategory } from '../domain/enums';
import type { DerivedValue } from './derived-value';

const derivedFields = new Map<string, DerivedValue>();

/**
 * The categorised field is a derived value (docs/architecture.md, "Derived values"): computed from `value.inputs`,
 * its own `@category` among them. The category wrapper (`enforceCategories`) then decides every input for the
 * victim the type's binding names, before the resolver runs, and refuses the field with the first input refused —
 * whatever a representation or another subgraph passed in. `typeName` is the GraphQL type the field is on (a
 * field resolver's class is not that type).
 */
export function DerivedField(typeName: string, value: DerivedValue): MethodDecorator & PropertyDecorator {
  return (_target: object, property: string | symbol) => {
    derivedFields.set(`${typeName}.${String(property)}`, value);
  };
}

/** The inputs a field is declared to be computed from, its own category first; `[category]` for a stored field. */
export function fieldInputs(typeName: string, fieldName: string, category: DataCategory): readonly DataCategory[] {
  const value = derivedFields.get(`${typeName}.${fieldName}`);
  if (!value) return [category];
  if (!value.inputs.includes(category)) {
    throw new Error(`${typeName}.${fieldName} is categorised ${category} but declares itself derived from ${value.inputs.join(', ')} only`);
  }
  return [category, ...value.inputs.filter((input) => input !== category)];
}

/** The fields of `typeName` declared derived, for the build to check that each is categorised. */
export const derivedFieldsOf = (typeName: string): string[] =>
  [...derivedFields.keys()].filter((key) => key.startsWith(`${typeName}.`)).map((key) => key.slice(typeName.length + 1));
