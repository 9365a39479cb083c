import {
  DataCategory,
  type HubCaller,
  SQL_FALSE,
  SQL_TRUE,
  SqlParameters,
  badInput,
  decodeCursor,
  encodeCursor,
  pageSize,
  readableAllPredicate,
  readablePredicate,
  sqlAnd,
} from '@hub/shared';
import { ALERT_WINDOW_DAYS, HEALTH_ASSESSMENT_DAYS, RIGHTS_INFORMATION_DAYS } from '../support-path/support-path';
import type { VictimFilter } from '../resolvers/victim.types';
import { caseloadInputs } from './caseload-values';
import { type PathInstants, alertSql, stageSql, victimSql } from './victim-sql';

/** What the caseload needs of a database: `DataSource.query`, or a test's counting wrapper around it. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface CaseloadRequest {
  first?: number | null;
  after?: string | null;
  filter?: VictimFilter | null;
}

export interface CaseloadPage {
  ids: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  order: 'IDENTIFICATION' | 'ID';
}

const DAY = 24 * 60 * 60 * 1000;
const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * One page of the caseload, found, scoped, ordered, counted and paged in the database: the access policy becomes
 * SQL predicates (readablePredicate), every filter a condition gated by the categories it reads, ordering a keyset
 * over an index. A page costs the same few statements however large the registry (issue 10; docs/architecture.md).
 */
export async function caseloadPage(db: Queryable, caller: HubCaller, request: CaseloadRequest, now: Date): Promise<CaseloadPage> {
  const size = pageSize(request.first);
  const afterId = request.after ? decodeCursor(request.after) : null;
  const filter = request.filter ?? undefined;
  // Each statement compiles its own conditions, so that it binds exactly the parameters it uses.
  const compile = (params: SqlParameters): string => {
    const at = (offset: number) => {
      let placeholder: string | undefined;
      return () => (placeholder ??= params.add(new Date(now.getTime() + offset).toISOString()));
    };
    const [nowAt, windowAt, dueAt] = [at(0), at(ALERT_WINDOW_DAYS * DAY), at(-HEALTH_ASSESSMENT_DAYS * DAY)];
    const rightsAt = at(-RIGHTS_INFORMATION_DAYS * DAY);
    const t: PathInstants = {
      get now() { return nowAt(); },
      get windowEnd() { return windowAt(); },
      get assessmentDue() { return dueAt(); },
      get rightsDue() { return rightsAt(); },
    };
    const conditions = [readableAllPredicate(caller, caseloadInputs(filter), victimSql, params, now)];
    if (present(filter?.region)) conditions.push(`v.region = ${params.add(filter.region)}::text`);
    if (present(filter?.minor)) conditions.push(`v.minor = ${params.add(filter.minor)}::boolean`);
    if (present(filter?.exploitationForm)) conditions.push(`${params.add(filter.exploitationForm)}::text = ANY(v.exploitation_forms)`);
    if (present(filter?.stage)) conditions.push(`(${stageSql(t)}) = ${params.add(filter.stage)}::text`);
    if (present(filter?.alert)) conditions.push(alertSql[filter.alert](t));
    return sqlAnd(...conditions);
  };
  if (compile(new SqlParameters()) === SQL_FALSE) {
    if (afterId) throw badInput('after', 'The cursor no longer points into this list');
    return { ids: [], hasNextPage: false, endCursor: null, totalCount: 0, order: 'ID' };
  }

  let cursorAt: Date | null = null;
  if (afterId) {
    // The cursor must point at a victim of this very list: a forged one tells nothing about other victims.
    const lookup = new SqlParameters();
    const lookupWhere = compile(lookup);
    const [cursor] = (await db.query(
      `SELECT v.identified_at FROM victim v WHERE v.id = ${lookup.add(afterId)}::text AND ${lookupWhere}`,
      lookup.values,
    )) as { identified_at: Date }[];
    if (!cursor) throw badInput('after', 'The cursor no longer points into this list');
    cursorAt = cursor.identified_at;
  }
  const keyset = (params: SqlParameters, order: CaseloadPage['order']): string => {
    if (!afterId || !cursorAt) return SQL_TRUE;
    const id = params.add(afterId);
    if (order === 'ID') return `v.id > ${id}::text`;
    const at = params.add(cursorAt);
    return `v.identified_at <= ${at}::timestamptz AND (v.identified_at < ${at}::timestamptz OR v.id > ${id}::text)`;
  };

  // One pass counts the list, tells whether every listed identification is readable (else the order is by id,
  // which says nothing), and how many follow the cursor in either order: the page then stops at its last row.
  const counting = new SqlParameters();
  const countWhere = compile(counting);
  const identification = readablePredicate(caller, DataCategory.IDENTIFICATION, victimSql, counting, now);
  const hidden = identification === SQL_TRUE ? '0' : `count(*) FILTER (WHERE NOT (${identification}))`;
  const remaining = (order: CaseloadPage['order']) => {
    const after = keyset(counting, order);
    return after === SQL_TRUE ? 'count(*)' : `count(*) FILTER (WHERE ${after})`;
  };
  const [counts] = (await db.query(
    `SELECT count(*)::int AS total, (${hidden})::int AS hidden,
            (${remaining('ID')})::int AS after_by_id, (${remaining('IDENTIFICATION')})::int AS after_by_date
       FROM victim v WHERE ${countWhere}`,
    counting.values,
  )) as { total: number; hidden: number; after_by_id: number; after_by_date: number }[];
  const totalCount = counts?.total ?? 0;
  const order = (counts?.hidden ?? 0) === 0 ? 'IDENTIFICATION' : 'ID';
  const following = (order === 'ID' ? counts?.after_by_id : counts?.after_by_date) ?? 0;
  const limit = Math.min(size, following);
  if (limit === 0) return { ids: [], hasNextPage: false, endCursor: null, totalCount, order };

  const paging = new SqlParameters();
  const pageWhere = compile(paging);
  const orderBy = order === 'ID' ? 'v.id ASC' : 'v.identified_at DESC, v.id ASC';
  const rows = (await db.query(
    `SELECT v.id FROM victim v WHERE ${sqlAnd(pageWhere, keyset(paging, order))} ORDER BY ${orderBy} LIMIT ${limit}`,
    paging.values,
  )) as { id: string }[];
  const ids = rows.slice(0, size).map((r) => r.id);
  const last = ids[ids.length - 1];
  return { ids, hasNextPage: following > size, endCursor: last === undefined ? null : encodeCursor(last), totalCount, order };
}
