import type { DataCategory } from '../domain/enums';
import type { DerivedValue } from './derived-value';

/**
 * A field's derived value. `recordInputs`, when given, names further inputs that depend on the record the field is
 * on — a hand-over's package holds the categories its consent names — decided after `inputs`, for the same victim.
 */
export interface DerivedFieldValue<R = never> extends DerivedValue {
  readonly recordInputs?: (record: R) => readonly DataCategory[];
}

interface Declared {
  readonly value: DerivedValue;
  readonly recordInputs?: (record: unknown) => readonly DataCategory[];
}

const derivedFields = new Map<string, Declared>();

/**
 * The categorised field is a derived value (docs/architecture.md, "Derived values"): computed from `value.inputs`,
 * its own `@category` among them (and from `value.recordInputs` of its record, if declared). The category wrapper
 * (`enforceCategories`) then decides every input for the victim the type's binding names, before the resolver
 * runs, notes each for the access log, and refuses the field with the first input refused — whatever a
 * representation or another subgraph passed in. `typeName` is the GraphQL type the field is on (a field
 * resolver's class is not that type).
 */
export function DerivedField<R = never>(typeName: string, value: DerivedFieldValue<R>): MethodDecorator & PropertyDecorator {
  return (_target: object, property: string | symbol) => {
    derivedFields.set(`${typeName}.${String(property)}`, {
      value,
      ...(value.recordInputs ? { recordInputs: value.recordInputs as (record: unknown) => readonly DataCategory[] } : {}),
    });
  };
}

/** The inputs a field is declared to be computed from, its own category first; `[category]` for a stored field. */
export function fieldInputs(typeName: string, fieldName: string, category: DataCategory): readonly DataCategory[] {
  const value = derivedFields.get(`${typeName}.${fieldName}`)?.value;
  if (!value) return [category];
  if (!value.inputs.includes(category)) {
    throw new Error(`${typeName}.${fieldName} is categorised ${category} but declares itself derived from ${value.inputs.join(', ')} only`);
  }
  return [category, ...value.inputs.filter((input) => input !== category)];
}

/** The inputs a field declares from its record (`recordInputs`), if any. */
export const recordInputsOf = (typeName: string, fieldName: string): ((record: unknown) => readonly DataCategory[]) | undefined =>
  derivedFields.get(`${typeName}.${fieldName}`)?.recordInputs;

/** The fields of `typeName` declared derived, for the build to check that each is categorised. */
export const derivedFieldsOf = (typeName: string): string[] =>
  [...derivedFields.keys()].filter((key) => key.startsWith(`${typeName}.`)).map((key) => key.slice(typeName.length + 1));
