import { HubError } from '../errors/hub-error';
import { roleAgencies, statisticsRule } from '../policy/access-policy';
import type { EntityManager } from 'typeorm';
import type { SubgraphContext } from '../subgraph/subgraph-context';
import { monthOf, yearBounds } from './monthly-counts';
import type { VictimRow } from './regions';
import type { ReportingPeriod } from './reporting-period';
import { smallCellK } from './small-cell';
import { type StatisticsPeriodInput, statisticsPeriod } from './statistics.types';

/**
 * Refuses a statistics query unless the caller's role reads statistics (`statisticsRule`) and states a
 * statistics purpose. Aggregates are national: no victim is read, so regions do not narrow them.
 */
export function requireStatistics(ctx: Pick<SubgraphContext, 'caller'>): void {
  const { caller } = ctx;
  if (!roleAgencies[caller.role]?.includes(caller.agency)) {
    throw new HubError('FORBIDDEN', `Role ${caller.role} does not exist in agency ${caller.agency}`);
  }
  if (!statisticsRule.roles.includes(caller.role)) {
    throw new HubError('FORBIDDEN', `Statistics are not open to role ${caller.role}`);
  }
  if (!statisticsRule.purposes.includes(caller.purpose)) {
    throw new HubError('FORBIDDEN', `Statistics are read for purpose ${statisticsRule.purposes.join(' or ')}, not ${caller.purpose}`);
  }
}

/** What a statistics query reads its year's counts with, in one snapshot of the agency's database. */
export interface YearReader {
  tx: EntityManager;
  /** The period asked for. */
  period: ReportingPeriod;
  /** The first instant of the period's year and of the next: every statistic is protected over its whole year. */
  bounds: [Date, Date];
  /**
   * Rows of `table` whose `column` falls in the year, counted per month and victim (and per `key`, an SQL
   * expression, when given), narrowed by `where` (its parameters from $3).
   */
  victimRows(table: string, column: string, options?: { key?: string; where?: string; params?: unknown[] }): Promise<VictimRow[]>;
}

/**
 * The start of every statistics query (docs/architecture.md, "Statistics"): the caller may read statistics, the
 * period is one of the fixed reporting periods, and the year's counts are read in one REPEATABLE READ snapshot, so
 * that every figure of one answer comes from the same state of the database. Returns the period, the small-cell
 * threshold k and what `read` counted.
 */
export async function readStatistics<T>(
  ctx: Pick<SubgraphContext, 'caller' | 'dataSource'>,
  input: StatisticsPeriodInput,
  read: (year: YearReader) => Promise<T>,
): Promise<{ period: ReportingPeriod; k: number; counts: T }> {
  requireStatistics(ctx);
  const period = statisticsPeriod(input);
  const k = smallCellK();
  const bounds = yearBounds(period);
  const counts = await ctx.dataSource.transaction('REPEATABLE READ', (tx) =>
    read({
      tx,
      period,
      bounds,
      victimRows: (table, column, { key, where = 'TRUE', params = [] } = {}) =>
        tx.query(
          `SELECT ${monthOf(column)} AS month, victim_id AS victim${key ? `, ${key} AS key` : ''}, count(*) AS count FROM ${table}
            WHERE ${column} >= $1 AND ${column} < $2 AND ${where} GROUP BY 1, 2${key ? ', 3' : ''}`,
          [...bounds, ...params],
        ) as Promise<VictimRow[]>,
    }),
  );
  return { period, k, counts };
}
