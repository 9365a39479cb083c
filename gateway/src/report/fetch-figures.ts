import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ErrorCode, HubError, type ReportingPeriod, errorCodes, parseReportingPeriod, shiftQuarter, serviceFetch } from '@hub/shared';

/**
 * The figures of the national report (issue 13), read through the gateway like any other client: a bearer token
 * and purpose STATISTICS, so that each read is an operation record in the access log. Only fixed quarters are
 * asked for, so a number in the report is the number the statistics API gives for that quarter.
 */

/** The report's one operation, a trusted document of the hub (`gateway/trusted-documents/report.graphql`). */
export const REPORT_QUERY = readFileSync(join(__dirname, '../../trusted-documents/report.graphql'), 'utf8');

export interface Count {
  value: number | null;
  suppressed: boolean;
}
export type Cell = Count & { key: string };
/** One quarter's answer: query field → statistic → a count or a breakdown. */
export type QuarterFigures = Record<string, Record<string, Count | Cell[]>>;

export interface ReportFigures {
  /** The reported quarter, e.g. `2026-Q3`. */
  quarter: string;
  region: string | null;
  /**
   * The last eight quarters, oldest first; the reported quarter is the last. `figures` are the region's in a regional
   * report (and `national` the whole country's beside them), else the whole country's.
   */
  quarters: { key: string; figures: QuarterFigures; national?: QuarterFigures }[];
  /** sha256 of the figures (quarter, region and every answer): the same records give the same hash. */
  hash: string;
}

export interface GatewayClient {
  url: string;
  token: string;
}

/** A quarter key (`2026-Q3`) as a period, or an error that says what is expected. */
export function reportQuarter(key: string): ReportingPeriod {
  const period = parseReportingPeriod(key);
  if (!period || period.kind !== 'QUARTER') throw new Error(`--quarter must look like 2026-Q3, not "${key}"`);
  return period;
}

/** How long the report waits for one quarter's figures from the gateway before it gives up with an error. */
const REPORT_QUERY_TIMEOUT_MS = 60_000;

async function ask(client: GatewayClient, quarter: string, region: string | null): Promise<QuarterFigures> {
  const response = await serviceFetch(client.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}`, 'x-purpose': 'STATISTICS' },
    body: JSON.stringify({ query: REPORT_QUERY, operationName: 'NationalReport', variables: { period: { quarter }, region } }),
    timeoutMs: REPORT_QUERY_TIMEOUT_MS,
  });
  const body = (await response.json()) as { data?: QuarterFigures; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    const code = first?.extensions?.code;
    // A coded refusal stays coded, so that the console route can answer it as the API did.
    if (code && code in errorCodes) throw new HubError(code as ErrorCode, `The statistics API refused ${quarter}: ${first?.message ?? code}`);
    throw new Error(`The statistics API refused ${quarter}: ${first?.extensions?.code ?? response.status} ${first?.message ?? ''}`.trim());
  }
  return body.data;
}

/** Every figure the report shows, for a quarter and the seven before it (of a region: and the whole country's). */
export async function fetchFigures(client: GatewayClient, quarterKey: string, region: string | null): Promise<ReportFigures> {
  const quarter = reportQuarter(quarterKey);
  const keys = Array.from({ length: 8 }, (_, i) => shiftQuarter(quarter, i - 7).key);
  const quarters = [];
  for (const key of keys) {
    const national = await ask(client, key, null);
    quarters.push(region ? { key, figures: await ask(client, key, region), national } : { key, figures: national });
  }
  const hash = createHash('sha256').update(JSON.stringify({ quarter: quarter.key, region, quarters })).digest('hex');
  return { quarter: quarter.key, region, quarters, hash };
}
