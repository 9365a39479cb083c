import type { DataCategory } from '../domain/enums';
import type { AccessController } from './access-controller';
import type { AccessDecision } from './decide';
import { heldByEachAgency } from './access-policy';

/**
 * A value the hub computes rather than stores — an alert, a deadline, a stage, a caseload filter, a sort key,
 * a count — and the categories it is computed from, declared the way `@requires` declares fields. It exists for
 * a caller only when every input is readable: a derived value with a denied input is not shown, not matched,
 * not sorted by and not counted, exactly as if its input were absent (docs/architecture.md, "Who may read what").
 */
export interface DerivedValue {
  readonly inputs: readonly DataCategory[];
  /** What the value says, for the docs and for the generated probes. */
  readonly description: string;
}

/** The categories of one victim a caller may read, among those asked. */
export type ReadableCategories = ReadonlySet<DataCategory>;

/** Declares a set of derived values; keeps the literal keys so that each use names a declared one. */
export const declareDerivedValues = <K extends string>(values: Record<K, DerivedValue>): Readonly<Record<K, DerivedValue>> => values;

/** May a caller who reads `readable` see `value`? */
export const mayDerive = (value: DerivedValue, readable: ReadableCategories): boolean =>
  value.inputs.every((category) => readable.has(category));

/** `compute()` when every input of `value` is readable, else `null` (the value does not exist for the caller). */
export const derive = <T>(value: DerivedValue, readable: ReadableCategories, compute: () => T): T | null =>
  mayDerive(value, readable) ? compute() : null;

/** Every category any of `values` reads, each once. */
export const inputsOf = (values: Iterable<DerivedValue>): DataCategory[] => [...new Set([...values].flatMap((v) => v.inputs))];

/** Whose records an input of a derived value is read from: a category each agency holds of its own, no one's (`null`); else the subgraph's. */
export const inputHolder = (category: DataCategory): null | undefined => (heldByEachAgency.includes(category) ? null : undefined);

/** The decision on one input of a derived value: a category each agency holds of its own, for no one holder. */
export const decideInput = (access: AccessController, victimId: string | null, category: DataCategory): Promise<AccessDecision> =>
  access.decide(victimId, category, inputHolder(category));

/**
 * Which of `categories` the caller may read about one victim, decided by the access policy (as for any field).
 * A derived value reads a category each agency holds of its own (rights information) from every agency's
 * records, so it is decided for no one holder: an agency's own-records rule alone does not open it.
 */
export async function readableCategories(
  access: AccessController,
  victimId: string,
  categories: readonly DataCategory[],
): Promise<Set<DataCategory>> {
  const decisions = await Promise.all(categories.map(async (category) => [category, await decideInput(access, victimId, category)] as const));
  return new Set(decisions.filter(([, decision]) => decision.allow).map(([category]) => category));
}

/** A derived value decided for one caller: readable, or refused on its first refused input (with that decision). */
export type DerivedDecision = { allow: true } | { allow: false; refused: DataCategory; decision: AccessDecision & { allow: false } };

/**
 * Decides a derived value about one victim and notes it for the access log as `typeName.field`: the category
 * wrapper's decision for a field declared derived (enforce-categories.ts), and the one a resolver takes for a value
 * it derives per list element or per kind (the support path's alerts and deadlines). Readable when every input is,
 * and then every input is noted as read, so the record names each category the value was computed from; else
 * refused on the first refused input, which alone is noted (as refused). `own`, the field's own `@category`, is
 * decided as any field's (this subgraph's records); every other input as a derived value reads it (`decideInput`).
 */
export async function decideDerivedValue(
  access: AccessController,
  victimId: string | null,
  typeName: string,
  field: string,
  inputs: readonly DataCategory[],
  own?: DataCategory,
): Promise<DerivedDecision> {
  const decisions = await Promise.all(inputs.map((input) => (input === own ? access.decide(victimId, input) : decideInput(access, victimId, input))));
  const refused = decisions.findIndex((d) => !d.allow);
  const denial = decisions[refused];
  if (denial && !denial.allow) {
    access.note(victimId, typeName, field, inputs[refused]!, denial);
    return { allow: false, refused: inputs[refused]!, decision: denial };
  }
  inputs.forEach((input, i) => access.note(victimId, typeName, field, input, decisions[i]!));
  return { allow: true };
}
