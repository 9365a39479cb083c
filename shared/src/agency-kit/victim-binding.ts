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

/** The declared binding of a GraphQL type, or `undefined` when the type declares none. */
export const victimBindingOf = (typeName: string): VictimBinding | undefined => bindings.get(typeName);
