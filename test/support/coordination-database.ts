import type { DataSource } from 'typeorm';
import { coordinationSubgraph } from '@hub/coordination/src/definition';
import { withSubgraphDatabase } from './subgraph-database';

/**
 * A registry database of its own on the test PostgreSQL, built by coordination's migrations, for tests that
 * need a caseload of a size or shape the shared hub does not have. Dropped afterwards.
 */
export const withCoordinationDatabase = <T>(use: (dataSource: DataSource) => Promise<T>): Promise<T> =>
  withSubgraphDatabase(coordinationSubgraph, use);

/** Inserts rows column-wise through `unnest`: one statement and one parameter per column, however many rows. */
export async function insertColumns(
  dataSource: DataSource,
  table: string,
  columns: Record<string, { type: string; values: unknown[] }>,
): Promise<void> {
  const names = Object.keys(columns);
  const arrays = names.map((name, i) => `$${i + 1}::${columns[name]!.type}[]`);
  const values = names.map((name) => (columns[name]!.type.endsWith('[]') ? columns[name]!.values.map((v) => pgArray(v as string[])) : columns[name]!.values));
  // A column of arrays travels as text and is cast back per row (unnest would flatten a 2-D array).
  const select = names.map((name, i) => (columns[name]!.type.endsWith('[]') ? `c${i}::${columns[name]!.type}` : `c${i}`));
  const input = names.map((name, i) => (columns[name]!.type.endsWith('[]') ? `$${i + 1}::text[]` : arrays[i]));
  await dataSource.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${input.join(', ')}) AS t(${names.map((_, i) => `c${i}`).join(', ')})`,
    values,
  );
}

const pgArray = (values: string[]): string => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
