import { Directive } from 'type-graphql';
import type { DataCategory } from '../domain/enums';

/** The hub's own spec, linked by every subgraph so that `@category` survives composition. */
export const CATEGORY_SPEC_URL = 'https://specs.support-path-hub.example/category/v1.0';

export const categoryDirectiveSdl = `
"""The data category of a personal field. Access to the field is decided per category by the subgraph that owns it."""
directive @category(name: DataCategory!) on FIELD_DEFINITION
`;

/** Marks a field as personal data of the given category: visible in the schema, enforced by the subgraph. */
export function Category(name: DataCategory): MethodDecorator & PropertyDecorator {
  return Directive(`@category(name: ${name})`) as MethodDecorator & PropertyDecorator;
}
