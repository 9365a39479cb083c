import type { ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** PostgreSQL's limit of bind parameters in one statement (a 16-bit count in the protocol). */
export const MAX_STATEMENT_PARAMETERS = 65_535;

/**
 * Inserts any number of rows in as few statements as PostgreSQL allows: each chunk stays under its
 * parameter limit (one parameter per column per row). Returns nothing of the inserted rows (no entity
 * update), which keeps large seeds fast.
 */
export async function insertInChunks<T extends ObjectLiteral>(
  repository: Repository<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
): Promise<void> {
  const perRow = Math.max(1, repository.metadata.columns.length);
  const size = Math.max(1, Math.floor(MAX_STATEMENT_PARAMETERS / perRow));
  for (let i = 0; i < rows.length; i += size) {
    await repository
      .createQueryBuilder()
      .insert()
      .values(rows.slice(i, i + size) as QueryDeepPartialEntity<T>[])
      .updateEntity(false)
      .execute();
  }
}
