/**
 * `npm run audit:size [-- --request <request id>] [--json]`: how much the access log stores — records, bytes on
 * disk (every partition with its indexes), bytes per record and per logged field access — and how many records
 * requests write: on average, for caseload queries (requests that read several victims from the coordination
 * registry), and for one request when `--request` names it.
 */
import { parseArgs } from 'node:util';
import { exitWith, openAuditDatabase } from './audit-database';

interface SizeReport {
  records: number;
  byKind: Record<string, number>;
  partitions: number;
  totalBytes: number;
  bytesPerRecord: number | null;
  fieldAccesses: number;
  bytesPerFieldAccess: number | null;
  requests: number;
  recordsPerRequest: number | null;
  caseloadQueries: number;
  recordsPerCaseloadQuery: number | null;
  victimsPerCaseloadQuery: number | null;
  request?: { requestId: string; records: number; fieldAccessRecords: number; fieldAccesses: number; victims: number };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10) / 10 : null);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { request: { type: 'string' }, json: { type: 'boolean' } } });
  const dataSource = await openAuditDatabase();
  let report: SizeReport;
  try {
    const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => ((await dataSource.query(sql, params)) as T[])[0]!;
    const size = await one<{ partitions: number; bytes: string }>(
      `SELECT count(*)::int AS partitions,
              (coalesce(sum(pg_total_relation_size(inhrelid)), 0) + pg_total_relation_size('audit_record'))::text AS bytes
         FROM pg_inherits WHERE inhparent = 'audit_record'::regclass`,
    );
    const kinds = (await dataSource.query(`SELECT kind, count(*)::int AS n FROM audit_record GROUP BY kind ORDER BY kind`)) as {
      kind: string;
      n: number;
    }[];
    const accesses = await one<{ n: string; requests: number }>(
      `SELECT coalesce(sum(cardinality(fields) + cardinality(denied_fields)), 0)::text AS n, count(DISTINCT request_id)::int AS requests
         FROM audit_record WHERE kind = 'FIELD_ACCESS'`,
    );
    const requests = await one<{ n: number }>(`SELECT count(DISTINCT request_id)::int AS n FROM audit_record`);
    // A caseload query: one request in which the registry returned Victim fields of more than one victim.
    const caseload = await one<{ queries: number; records: string; victims: string }>(
      `WITH lists AS (
         SELECT request_id, count(DISTINCT victim_id) AS victims FROM audit_record
          WHERE kind = 'FIELD_ACCESS' AND service = 'coordination' AND type_name = 'Victim' AND cardinality(fields) > 0
          GROUP BY request_id HAVING count(DISTINCT victim_id) > 1)
       SELECT count(*)::int AS queries,
              (SELECT count(*) FROM audit_record r JOIN lists l USING (request_id))::text AS records,
              coalesce(sum(victims), 0)::text AS victims
         FROM lists`,
    );
    const records = kinds.reduce((sum, k) => sum + k.n, 0);
    const totalBytes = Number(size.bytes);
    report = {
      records,
      byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
      partitions: size.partitions,
      totalBytes,
      bytesPerRecord: ratio(totalBytes, records),
      fieldAccesses: Number(accesses.n),
      bytesPerFieldAccess: ratio(totalBytes, Number(accesses.n)),
      requests: requests.n,
      recordsPerRequest: ratio(records, requests.n),
      caseloadQueries: caseload.queries,
      recordsPerCaseloadQuery: ratio(Number(caseload.records), caseload.queries),
      victimsPerCaseloadQuery: ratio(Number(caseload.victims), caseload.queries),
    };
    if (values.request) {
      const request = await one<{ records: number; field_records: number; accesses: string; victims: number }>(
        `SELECT count(*)::int AS records, count(*) FILTER (WHERE kind = 'FIELD_ACCESS')::int AS field_records,
                coalesce(sum(cardinality(fields) + cardinality(denied_fields)), 0)::text AS accesses,
                count(DISTINCT victim_id)::int AS victims
           FROM audit_record WHERE request_id = $1`,
        [values.request],
      );
      report.request = {
        requestId: values.request,
        records: request.records,
        fieldAccessRecords: request.field_records,
        fieldAccesses: Number(request.accesses),
        victims: request.victims,
      };
    }
  } finally {
    await dataSource.destroy();
  }
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  console.log(`Access log: ${report.records} records (${Object.entries(report.byKind).map(([k, n]) => `${n} ${k}`).join(', ')}) in ${report.partitions} partitions`);
  console.log(`  on disk (tables, indexes, TOAST): ${report.totalBytes} bytes (${mb(report.totalBytes)})`);
  console.log(`  bytes per record:                 ${report.bytesPerRecord ?? '-'}`);
  console.log(`  logged field accesses:            ${report.fieldAccesses} (fields read or refused)`);
  console.log(`  bytes per logged field access:    ${report.bytesPerFieldAccess ?? '-'}`);
  console.log(`  records per request:              ${report.recordsPerRequest ?? '-'} over ${report.requests} requests`);
  console.log(
    `  records per caseload query:       ${report.recordsPerCaseloadQuery ?? '-'} over ${report.caseloadQueries} queries ` +
      `(${report.victimsPerCaseloadQuery ?? '-'} victims each on average)`,
  );
  if (report.request) {
    const r = report.request;
    console.log(`  request ${r.requestId}: ${r.records} records (${r.fieldAccessRecords} field-access), ${r.fieldAccesses} field accesses, ${r.victims} victims`);
  }
}

main().then(
  () => exitWith(0),
  (error: unknown) => {
    console.error(`Could not measure the access log: ${(error as Error).message}`);
    return exitWith(2);
  },
);
