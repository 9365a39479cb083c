/**
 * The benchmark's unguarded mode (issue 10): the same hub with policy enforcement and access logging switched
 * off, so that `npm run bench` can print what the guard costs. It exists for the benchmark only, and a service
 * refuses to start in it unless everything below holds — conditions a real deployment cannot meet by accident:
 *
 * - `HUB_UNGUARDED_BENCHMARK` is a run's nonce (32 hex digits, random per run), not a yes/no flag to copy;
 * - the service is not in production mode (`HUB_MODE` and `NODE_ENV` are not `production`) and listens on
 *   loopback only (`HOST` 127.0.0.1, ::1 or localhost; deployments listen on 0.0.0.0);
 * - its database carries the benchmark's mark with that same nonce, a comment that only the benchmark's launcher
 *   writes (`COMMENT ON DATABASE`, as the superuser of the embedded PostgreSQL it has just created; see
 *   shared/src/local/launch-hub.ts). The gateway, which has no database of its own, checks the access log's;
 * - a subgraph's database was empty when the service started (no migration had ever run in it), and the
 *   service loaded the synthetic demo caseload into it at this start (`HUB_DEMO_SEED`): a database that holds
 *   anything else — real cases, or an earlier run's — is never served unguarded.
 *
 * Every failed condition is named in one error and the service exits (shared/src/subgraph/run-subgraph.ts,
 * gateway/src/index.ts). Once admitted, the mode is one switch for each of the two, read at their central
 * points and nowhere else: {@link policyEnforced} (field policy in enforce-categories.ts, every decision in
 * AccessController, the caseload's SQL scope in policy-predicate.ts) and {@link accessLogged} (the records an
 * AccessController notes, and every append of AuditWriter).
 */

export const UNGUARDED_VARIABLE = 'HUB_UNGUARDED_BENCHMARK';

/** The comment the benchmark's launcher puts on each database it creates for an unguarded run. */
export const benchmarkDatabaseMark = (nonce: string): string =>
  `support-path-hub benchmark: synthetic demo data only, created by npm run bench for the unguarded run ${nonce}`;

const NONCE = /^[0-9a-f]{32}$/;
const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/** What a starting service knows about itself, for the check. */
export interface UnguardedEvidence {
  /** The service's name, for the message. */
  service: string;
  /** The nonce given in HUB_UNGUARDED_BENCHMARK. */
  nonce: string;
  production: boolean;
  host: string;
  /** The comment on the service's database (the access log's, for the gateway); null when it has none. */
  databaseMark: string | null;
  /** Subgraphs only: no migration had run in the database before this start. */
  freshDatabase?: boolean;
  /** Subgraphs only: HUB_DEMO_SEED is set and the service loaded its part of the demo caseload at this start (audit has none). */
  demoSeeded?: boolean;
}

/** Every reason the service may not run unguarded; empty when it may. */
export function unguardedRefusals(e: UnguardedEvidence): string[] {
  const problems: string[] = [];
  if (!NONCE.test(e.nonce)) problems.push(`${UNGUARDED_VARIABLE} must be the nonce the benchmark's launcher generates (32 hex digits)`);
  if (e.production) problems.push('production mode (HUB_MODE or NODE_ENV is production)');
  if (!LOOPBACK.includes(e.host)) problems.push(`HOST is ${e.host}, not loopback`);
  if (e.databaseMark !== benchmarkDatabaseMark(e.nonce)) {
    problems.push("the database does not carry the benchmark's mark for this run (a comment only the benchmark's launcher writes)");
  }
  if (e.freshDatabase === false) problems.push('the database was not empty when the service started');
  if (e.demoSeeded === false) problems.push('the service did not load the synthetic demo caseload (HUB_DEMO_SEED) into it at this start');
  return problems;
}

/** The nonce asked for (HUB_UNGUARDED_BENCHMARK), or null: the normal, guarded start. */
export const unguardedRequested = (env: NodeJS.ProcessEnv): string | null => {
  const nonce = env.HUB_UNGUARDED_BENCHMARK;
  return nonce === undefined || nonce === '' ? null : nonce;
};

/** HUB_MODE or NODE_ENV says production (the gateway's own reading, for a subgraph). */
export const productionMode = (env: NodeJS.ProcessEnv): boolean => env.HUB_MODE === 'production' || env.NODE_ENV === 'production';

let unguarded = false;

/** Throws an error naming every condition `evidence` fails (the service then exits); a subgraph asks before it migrates. */
export function checkUnguarded(evidence: UnguardedEvidence): void {
  const problems = unguardedRefusals(evidence);
  if (problems.length > 0) {
    throw new Error(
      `${evidence.service} refuses to start unguarded (${UNGUARDED_VARIABLE} is for npm run bench only, whose launcher ` +
        `creates and marks the databases): ${problems.join('; ')}`,
    );
  }
}

/** Switches this process to the unguarded mode when, and only when, `evidence` satisfies every condition. */
export function enterUnguardedMode(evidence: UnguardedEvidence): void {
  checkUnguarded(evidence);
  unguarded = true;
}

/** Whether the access policy is enforced (always, except in the benchmark's unguarded mode). */
export const policyEnforced = (): boolean => !unguarded;
/** Whether accesses are recorded in the access log (always, except in the benchmark's unguarded mode). */
export const accessLogged = (): boolean => !unguarded;
