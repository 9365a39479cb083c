import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The demo caseload the tests run against: fixed seed and date, so expectations are reproducible. */
export const TEST_SEED = 2009;
const today = new Date();
/** Start of today (UTC), like `npm start`: alerts depend on the real clock, so the data moves with it. */
export const TEST_AS_OF = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));

export interface TestHubInfo {
  gatewayUrl: string;
  /** The second gateway (Hive Gateway) in front of the same subgraphs. */
  hiveGatewayUrl: string;
  services: Record<string, { url: string; port: number; database?: string; pid?: number }>;
  postgresPort: number;
  keysDir: string;
  dataDir: string;
  /** Every log line of every service of the run, one JSON object `{ service, raw }` a line. */
  logFile: string;
}

/** A file per test run, named in HUB_TEST_INFO by the global setup (test processes inherit it). */
export const newHubInfoPath = (): string => join(tmpdir(), `hub-test-${process.pid}-${Date.now()}.json`);

/** Where the hub started by the global setup listens. */
export function testHub(): TestHubInfo {
  const path = process.env.HUB_TEST_INFO;
  if (!path) throw new Error('No test hub: run the tests through jest (npm test), whose global setup starts it');
  return JSON.parse(readFileSync(path, 'utf8')) as TestHubInfo;
}

/** Superuser URL of one database on the test run's PostgreSQL. */
export const postgresUrl = (database: string): string =>
  `postgres://hub:hub-local-only@127.0.0.1:${testHub().postgresPort}/${database}`;
