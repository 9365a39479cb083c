import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { type SubgraphDefinition, subgraphNames, withAgencyKit } from '@hub/shared';
import { repoRoot } from '@hub/shared/src/schema/subgraph-schemas';
import { withSubgraphDatabase } from '../support/subgraph-database';

/**
 * Issue 2, item 2: services create their tables with migrations only (no `synchronize`). The entities the
 * code reads and writes through must describe exactly the tables the migrations create, and every
 * migration must be reversible. Each case runs on a fresh database of the test PostgreSQL.
 *
 * All subgraph definitions are imported into this one file: importing only registers type-graphql
 * metadata (no schema is built here), so the subgraphs' several `Victim` classes do not clash.
 */

async function definitionOf(name: string): Promise<SubgraphDefinition> {
  const module = (await import(join(repoRoot, 'subgraphs', name, 'src', 'definition.ts'))) as Record<string, unknown>;
  const definition = Object.values(module).find(
    (value): value is SubgraphDefinition =>
      typeof value === 'object' && value !== null && (value as SubgraphDefinition).name === name,
  );
  if (!definition) throw new Error(`subgraphs/${name}/src/definition.ts exports no definition named ${name}`);
  // As the service runs it: with the agency kit's tables (rights information) for an agency that handles cases.
  return withAgencyKit(definition);
}

/** Opens a new, empty database with the subgraph's entities and migrations (production options), then drops it. */
const withFreshDatabase = async (name: string, use: (dataSource: DataSource) => Promise<void>): Promise<void> =>
  withSubgraphDatabase(await definitionOf(name), use, { migrate: false });

/** What the schema builder would still change to make the database match the entities. */
const pendingChanges = async (dataSource: DataSource): Promise<string[]> =>
  (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query.trim());

/** Tables, views, sequences and functions in `public`, except TypeORM's own `migrations` bookkeeping. */
async function objectsLeft(dataSource: DataSource): Promise<string[]> {
  const relations = (await dataSource.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND c.relname NOT IN ('migrations', 'migrations_id_seq')`,
  )) as { name: string }[];
  const functions = (await dataSource.query(
    `SELECT p.proname || '()' AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public'`,
  )) as { name: string }[];
  return [...relations, ...functions].map((row) => row.name).sort();
}

const migrationCount = (dataSource: DataSource): number => dataSource.migrations.length;

describe.each([...subgraphNames])('the %s database', (name) => {
  it('is built by its migrations exactly as its entities describe it', async () => {
    await withFreshDatabase(name, async (dataSource) => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied.length).toBe(migrationCount(dataSource));
      expect(applied.length).toBeGreaterThan(0);
      // Anything listed here is a difference between an entity and the migrations (a column, an index,
      // a foreign key or a check declared on one side only): fix the entity or add a migration.
      expect(await pendingChanges(dataSource)).toEqual([]);
    });
  });

  it('undoes every migration, leaving nothing behind, and can apply them again', async () => {
    await withFreshDatabase(name, async (dataSource) => {
      await dataSource.runMigrations({ transaction: 'each' });
      for (let i = 0; i < migrationCount(dataSource); i += 1) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      expect(await objectsLeft(dataSource)).toEqual([]);
      expect(await dataSource.query('SELECT name FROM migrations')).toEqual([]);

      const reapplied = await dataSource.runMigrations({ transaction: 'each' });
      expect(reapplied.length).toBe(migrationCount(dataSource));
      expect(await pendingChanges(dataSource)).toEqual([]);
    });
  });
});
