import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Agency, CATEGORY_SPEC_URL, DataCategory, agencyEntries, rightsInformationField } from '@hub/shared';
import {
  type ConstDirectiveNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type InterfaceTypeDefinitionNode,
  parse,
  print,
} from 'graphql';
import { uncategorisedFields } from './uncategorised-fields';

/**
 * docs/architecture.md#data-categories: every field that says something about a victim carries exactly one
 * category, visible in the committed supergraph that agency developers read, and owned by one subgraph.
 */

/** The subgraph that owns (and alone may serve) each category: the agency registry (docs/access-policy.md#data-categories). */
const OWNER = Object.fromEntries(
  agencyEntries.flatMap((e) => e.categories.map((c) => [c.name, e.subgraph])),
) as Record<DataCategory, string>;

const supergraph: DocumentNode = parse(readFileSync(join(__dirname, '../../gateway/supergraph.graphql'), 'utf8'));

type CompositeType = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;
/** Types of the hub's own schema; `join__*` and `link__*` are federation's, `_*` are introspection-like internals. */
const types = supergraph.definitions.filter(
  (d): d is CompositeType =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
    !/^(join__|link__|_)/.test(d.name.value),
);

interface SchemaField {
  coordinate: string;
  type: CompositeType;
  field: FieldDefinitionNode;
}
const fields: SchemaField[] = types.flatMap((type) =>
  (type.fields ?? []).map((field) => ({ coordinate: `${type.name.value}.${field.name.value}`, type, field })),
);

const directives = (node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode[] =>
  (node.directives ?? []).filter((d) => d.name.value === name);

/** A directive argument as plain JSON-ish text: enum values and strings by their value, the rest printed. */
const argument = (directive: ConstDirectiveNode, name: string): string | undefined => {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.ENUM || value.kind === Kind.STRING) return value.value;
  return print(value);
};

const categoriesOf = (field: FieldDefinitionNode): (string | undefined)[] =>
  directives(field, 'category').map((d) => argument(d, 'name'));

/** `join__Graph` enum value → subgraph name, from `@join__graph(name: …)`. */
const graphNames = new Map(
  (supergraph.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph') as
    | EnumTypeDefinitionNode
    | undefined)?.values?.map((v) => [v.name.value, argument(directives(v, 'join__graph')[0]!, 'name')!]) ?? [],
);

/**
 * The subgraphs that resolve a field: those of its `@join__field`s that are not `external`, or, for a field
 * without `@join__field`, every subgraph that defines its type.
 */
function resolvingSubgraphs({ type, field }: SchemaField): string[] {
  const joinFields = directives(field, 'join__field');
  const graphs =
    joinFields.length > 0
      ? joinFields.filter((d) => argument(d, 'external') !== 'true').map((d) => argument(d, 'graph'))
      : directives(type, 'join__type').map((d) => argument(d, 'graph'));
  return graphs.map((graph) => graphNames.get(graph ?? '') ?? `unknown graph ${graph}`).sort();
}

describe('data categories in the committed supergraph', () => {
  it('declares the @category directive with a DataCategory argument, linked to the hub category spec', () => {
    const definition = supergraph.definitions.find(
      (d) => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'category',
    );
    expect(definition && print(definition)).toMatch(/directive @category\(name: DataCategory!\) on FIELD_DEFINITION$/);

    const links = supergraph.definitions
      .filter((d) => d.kind === Kind.SCHEMA_DEFINITION)
      .flatMap((d) => directives(d, 'link'))
      .map((d) => ({ url: argument(d, 'url'), import: argument(d, 'import') }));
    expect(links).toContainEqual({ url: CATEGORY_SPEC_URL, import: '["@category"]' });

    const categoryEnum = supergraph.definitions.find(
      (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'DataCategory',
    );
    expect(categoryEnum?.values?.map((v) => v.name.value)).toEqual(Object.values(DataCategory));
  });

  it('gives every field that may say something about a victim exactly one known category', () => {
    const known = new Set<string>(Object.values(DataCategory));
    const problems = fields
      .filter(({ coordinate, field }) => field.name.value !== 'id' && !(coordinate in uncategorisedFields))
      .flatMap(({ coordinate, field }) => {
        const categories = categoriesOf(field);
        if (categories.length === 0) {
          return [`${coordinate} has no @category (add one, or a reviewed entry in test/schema/uncategorised-fields.ts)`];
        }
        if (categories.length > 1) return [`${coordinate} has ${categories.length} @category directives`];
        return known.has(categories[0] ?? '') ? [] : [`${coordinate} has unknown category ${categories[0]}`];
      });
    expect(problems).toEqual([]);
    // The check looked at something: the Victim entity is categorised field by field.
    expect(fields.filter(({ coordinate }) => coordinate.startsWith('Victim.')).length).toBeGreaterThan(20);
  });

  it('keeps the allowlist of uncategorised fields exact: each entry exists, has no category and a reason', () => {
    const byCoordinate = new Map(fields.map((f) => [f.coordinate, f.field]));
    const stale = Object.entries(uncategorisedFields).flatMap(([coordinate, reason]) => {
      const field = byCoordinate.get(coordinate);
      if (!field) return [`${coordinate} is not in the supergraph any more`];
      if (categoriesOf(field).length > 0) return [`${coordinate} now carries @category: remove it from the allowlist`];
      return reason.trim().length < 10 ? [`${coordinate} has no real reason`] : [];
    });
    expect(stale).toEqual([]);
  });

  it('has no uncategorised id field other than an opaque key', () => {
    // `id` fields are exempt because they are pseudonymous keys; one that is not an ID would be data.
    const notIds = fields
      .filter(({ field }) => field.name.value === 'id' && categoriesOf(field).length === 0)
      .filter(({ field }) => print(field.type).replace(/!$/, '') !== 'ID')
      .map(({ coordinate }) => coordinate);
    expect(notIds).toEqual([]);
  });

  it('serves each category only from the subgraph that owns it (external fields do not count)', () => {
    const misplaced = fields.flatMap((schemaField) => {
      const [category] = categoriesOf(schemaField.field);
      if (!category || !(category in OWNER)) return [];
      const owner = OWNER[category as DataCategory];
      const subgraphs = resolvingSubgraphs(schemaField);
      return subgraphs.length > 0 && subgraphs.every((s) => s === owner)
        ? []
        : [`${schemaField.coordinate} (${category}) is resolved by ${subgraphs.join(', ') || 'no subgraph'}, owner is ${owner}`];
    });
    expect(misplaced).toEqual([]);
    // Sanity: the check understood federation's join directives (a field shared with an external copy).
    expect(resolvingSubgraphs(fields.find((f) => f.coordinate === 'Victim.testifiedInCourt')!)).toEqual(['police']);
  });

  it("serves each agency's rights information (held by every agency that handles cases) from that agency's subgraph alone", () => {
    const rights = fields.filter((f) => categoriesOf(f.field)[0] === DataCategory.RIGHTS_INFORMATION && f.coordinate.startsWith('Victim.'));
    const expected = agencyEntries
      .filter((e) => e.handlesCases && e.subgraph)
      .map((e) => [`Victim.${rightsInformationField(e.agency as Agency)}`, [e.subgraph]]);
    expect(rights.map((f) => [f.coordinate, resolvingSubgraphs(f)])).toEqual(expect.arrayContaining(expected));
    expect(rights).toHaveLength(expected.length);
    // Written out: the kit's names for two of them.
    expect(resolvingSubgraphs(fields.find((f) => f.coordinate === 'Victim.socialServicesRightsInformation')!)).toEqual(['social-services']);
    expect(resolvingSubgraphs(fields.find((f) => f.coordinate === 'Victim.coordinationRightsInformation')!)).toEqual(['coordination']);
    // The record type is the same in each of them; its fields are of the category too.
    const record = fields.filter((f) => f.coordinate.startsWith('RightsInformation.') && f.field.name.value !== 'id');
    expect(record.map((f) => categoriesOf(f.field))).toEqual(record.map(() => [DataCategory.RIGHTS_INFORMATION]));
    expect(resolvingSubgraphs(record[0]!)).toEqual(expected.map(([, s]) => s![0]).sort());
  });
});
