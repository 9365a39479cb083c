/**
 * How a type finds the victim its categorised fields are about — declared on the type, never inferred from a
 * property's name (docs/architecture.md, "Who may read what"). Building a subgraph schema fails when a type
 * with categorised fields declares none (see `enforceCategories`).
 */
export type VictimBinding = (parent: unknown) => string | null;

const bindings = new Map<string, VictimBinding>();

const fromProperty =
  (property: string): VictimBinding =>
  (parent) => {
    const value = (parent as Record<string, unknown> | null)?.[property];
    return typeof value === 'string' ? value : null;
  };

const declare = (typeName: string, binding: VictimBinding): void => {
  bindings.set(typeName, binding);
};

/**
 * The type is about one victim, found by `property` of the object (`'id'` for `Victim`, `'victimId'` for a
 * record) or by a function. `typeName` defaults to the class name; give it when `@ObjectType` names the type
 * otherwise.
 */
export function AboutVictim(by: string | VictimBinding, typeName?: string): ClassDecorator {
  const binding = typeof by === 'string' ? fromProperty(by) : by;
  return (target) => declare(typeName ?? target.name, binding);
}

/** The type is about no victim (a directory entry, an aggregate): its fields are decided without one. */
export function AboutNoVictim(typeName?: string): ClassDecorator {
  return (target) => declare(typeName ?? target.name, () => null);
}

/** Where `reachedThrough` keeps the victim: a key no column, input or representation can carry. */
const reachedVictim = Symbol('the victim a record was reached through');

/**
 * The type is about no victim in itself — a directory entry, such as a safe house — but about the victim through
 * whose record it was reached (`reachedThrough`): reached through a placement, the house's name and address are
 * facts about the victim placed there, decided for them (their consent can open them); listed in the directory,
 * they are decided for no victim. No property of the object itself binds it.
 */
export function AboutVictimReached(typeName?: string): ClassDecorator {
  return (target) =>
    declare(typeName ?? target.name, (parent) => {
      const victimId = (parent as { [reachedVictim]?: unknown } | null)?.[reachedVictim];
      return typeof victimId === 'string' ? victimId : null;
    });
}

/** `record` (of an `@AboutVictimReached` type) as reached through a record of victim `victimId`: a copy, same class. */
export function reachedThrough<T extends object>(record: T, victimId: string): T {
  return Object.assign(Object.create(Object.getPrototypeOf(record) as object) as T, record, { [reachedVictim]: victimId });
}

/** The declared binding of a GraphQL type, or `undefined` when the type declares none. */
export const victimBindingOf = (typeName: string): VictimBinding | undefined => bindings.get(typeName);
