import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';

const background = new AsyncLocalStorage<true>();

/**
 * Runs a service's own background work (the audit service's sequencer, say) with its statements left out of
 * `hub_sql_statements_total`, which then counts what requests cost — the figure N+1 tests and benchmarks read.
 */
export const asBackgroundWork = <T>(work: () => Promise<T>): Promise<T> => background.run(true, work);

/** Counts every SQL statement a service issues for requests (`hub_sql_statements_total`), so that N+1 shows in a test. */
class CountingLogger implements TypeOrmLogger {
  constructor(
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}
  logQuery(query: string): void {
    if (!background.getStore()) this.metrics.sqlStatements.inc();
    this.logger.trace({ query }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ time, query }, 'slow sql');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

/** The one way a service opens its database: migrations only (no `synchronize`), statements counted. */
export function createDataSource(options: {
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  metrics: Metrics;
  log: Logger;
}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    synchronize: false,
    migrationsRun: false,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: new CountingLogger(options.metrics, options.log),
    maxQueryExecutionTime: 1000,
    extra: { max: 10, application_name: 'support-path-hub' },
  });
}
