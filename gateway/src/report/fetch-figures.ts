import { createHash } from 'node:crypto';
import { type ReportingPeriod, parseReportingPeriod, shiftQuarter } from '@hub/shared';

/**
 * The figures of the national report (issue 13), read through the gateway like any other client: a bearer token
 * and purpose STATISTICS, so that each read is an operation record in the access log. Only fixed quarters are
 * asked for, so a number in the report is the number the statistics API gives for that quarter.
 */

export const REPORT_QUERY = `query NationalReport($period: StatisticsPeriodInput!) {
  caseloadStatistics(period: $period) {
    identified { ...N } underSupport { ...N }
    byExploitationForm { ...C } byGender { ...C } byAgeGroup { ...C } byNationality { ...C } byRegion { ...C }
  }
  policeStatistics(period: $period) {
    cooperationStarted { ...N } investigationsOpened { ...N } prosecutions { ...N } convictions { ...N } acquittals { ...N }
  }
  immigrationStatistics(period: $period) {
    reflectionPeriodsGranted { ...N } permitsGrantedByType { ...C } permitsRefused { ...N } returnsCompleted { ...N }
  }
  assistanceStatistics(period: $period) {
    assistanceDecisions { ...N } assistanceAccepted { ...N } placementsStarted { ...N } measuresByKind { ...C }
    shelterCapacityByGroup { ...C } longTermCapacityByGroup { ...C } shelterOccupancyByGroup { ...C }
  }
}
fragment N on SuppressedCount { value suppressed }
fragment C on BreakdownCell { key value suppressed }`;

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
  /** The last eight quarters, oldest first; the reported quarter is the last. */
  quarters: { key: string; figures: QuarterFigures }[];
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

async function ask(client: GatewayClient, quarter: string): Promise<QuarterFigures> {
  const response = await fetch(client.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}`, 'x-purpose': 'STATISTICS' },
    body: JSON.stringify({ query: REPORT_QUERY, operationName: 'NationalReport', variables: { period: { quarter } } }),
  });
  const body = (await response.json()) as { data?: QuarterFigures; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    throw new Error(`The statistics API refused ${quarter}: ${first?.extensions?.code ?? response.status} ${first?.message ?? ''}`.trim());
  }
  return body.data;
}

/** Every figure the report shows, for a quarter and the seven before it. */
export async function fetchFigures(client: GatewayClient, quarterKey: string, region: string | null): Promise<ReportFigures> {
  const quarter = reportQuarter(quarterKey);
  const keys = Array.from({ length: 8 }, (_, i) => shiftQuarter(quarter, i - 7).key);
  const quarters = [];
  for (const key of keys) quarters.push({ key, figures: await ask(client, key) });
  const hash = createHash('sha256').update(JSON.stringify({ quarter: quarter.key, region, quarters })).digest('hex');
  return { quarter: quarter.key, region, quarters, hash };
}
