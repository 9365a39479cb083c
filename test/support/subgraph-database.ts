import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { Metrics, type SubgraphDefinition } from '@hub/shared';
import { createDataSource } from '@hub/shared/src/db/create-data-source';
import { postgresUrl } from './hub-info';

/**
 * A database of its own on the test PostgreSQL with one subgraph's entities and migrations (production options;
 * no service runs on it), built by those migrations unless `migrate` is false, passed to `use` with its name;
 * dropped afterwards.
 */
export async function withSubgraphDatabase<T>(
  subgraph: Pick<SubgraphDefinition, 'name' | 'entities' | 'migrations'>,
  use: (dataSource: DataSource, database: string) => Promise<T>,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<T> {
  const database = `hub_${subgraph.name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: postgresUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    const dataSource = createDataSource({
      url: postgresUrl(database),
      entities: subgraph.entities,
      migrations: subgraph.migrations,
      metrics: new Metrics(),
      log: pino({ level: 'silent' }),
    });
    await dataSource.initialize();
    try {
      if (migrate) await dataSource.runMigrations({ transaction: 'each' });
      return await use(dataSource, database);
    } finally {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
