import { AsyncLocalStorage } from 'node:async_hooks';
import { type AfterQueryEvent, DataSource, type EntitySubscriberInterface, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';
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

/** Rows a statement returned: pg's result (`rows`), or one per statement when several were sent at once. */
const rowsOf = (raw: unknown): number => {
  if (Array.isArray(raw)) return raw.reduce((sum: number, part: unknown) => sum + rowsOf(part), 0);
  const rows = (raw as { rows?: unknown } | null | undefined)?.rows;
  return Array.isArray(rows) ? rows.length : 0;
};

/** Counts the rows every counted statement returned (`hub_sql_rows_read_total`), next to the statements. */
class RowCounter implements EntitySubscriberInterface {
  constructor(private readonly metrics: Metrics) {}
  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (event.success && !background.getStore()) this.metrics.sqlRowsRead.inc(rowsOf(event.rawResults));
  }
}

/** A DataSource that adds the row counter to its subscribers when it initialises (TypeORM builds the list then). */
class CountingDataSource extends DataSource {
  constructor(
    options: ConstructorParameters<typeof DataSource>[0],
    private readonly rowCounter: RowCounter,
  ) {
    super(options);
  }
  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    this.subscribers.push(this.rowCounter);
  }
}

/** The one way a service opens its database: migrations only (no `synchronize`), statements and rows counted. */
export function createDataSource(options: {
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  metrics: Metrics;
  log: Logger;
}): DataSource {
  return new CountingDataSource({
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
  }, new RowCounter(options.metrics));
}
