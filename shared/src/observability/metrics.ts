import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; from a fast cached read to a slow caseload page of every subgraph. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Operation names are chosen by clients: a bounded set of label values, the rest counted as `other`. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** The counters that subsystems create on first use (`Metrics.increment`), with their help texts. */
export const counterHelp = {
  hub_assertion_refused_total: 'Hub assertions refused after their signature checked: replayed, or bound to another request body',
  hub_support_events_delivered_total: 'Support events delivered from the outbox to coordination',
  hub_support_event_delivery_failures_total: 'Outbox deliveries to coordination that failed and will be retried',
  hub_guardian_lookups_total: "Appointed-guardian look-ups answered for coordination's consent rules, by caller",
  hub_witness_refusals_total: 'Tree heads the witness refused to cosign',
  hub_tree_heads_cosigned_total: 'Tree heads the witness cosigned',
  hub_access_records_integrated_total: 'Access records sequenced into the Merkle tree',
  hub_access_records_unverified_total: "Access records integrated whose writer's signature did not check",
} as const;

/**
 * What a service exposes at `GET /metrics` (Prometheus text format, through prom-client): process metrics,
 * request latency, the access log's writes, consent look-ups and policy denials. Labels hold names and
 * codes, never a personal value.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  /** Every GraphQL request that reached the service, authenticated or not. */
  readonly graphqlRequests = new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL requests received, before authentication',
    registers: [this.registry],
  });
  readonly graphqlRequestsAuthenticated = new Counter({
    name: 'hub_graphql_requests_authenticated_total',
    help: 'GraphQL requests that carried a valid hub assertion',
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name and outcome (OK or ERRORS)',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  /** The gateway's calls to each subgraph. */
  readonly subgraphRequestDuration = new Histogram({
    name: 'hub_subgraph_request_duration_seconds',
    help: "Latency of the gateway's requests to each subgraph, by subgraph and outcome",
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly sqlStatements = new Counter({
    name: 'hub_sql_statements_total',
    help: "SQL statements issued on the service's own database",
    registers: [this.registry],
  });
  /** Rows that those statements returned (a SELECT's rows, an INSERT … RETURNING's), the benchmark's "rows read". */
  readonly sqlRowsRead = new Counter({
    name: 'hub_sql_rows_read_total',
    help: "Rows returned by the SQL statements counted in hub_sql_statements_total",
    registers: [this.registry],
  });
  readonly accessLogWriteDuration = new Histogram({
    name: 'hub_access_log_write_duration_seconds',
    help: 'Latency of writing access-log records (FIELD_ACCESS or OPERATION), by outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly accessLogFailures = new Counter({
    name: 'hub_access_log_failures_total',
    help: 'Access-log writes that failed (the answer was withheld)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly accessLogPushbacks = new Counter({
    name: 'hub_access_log_pushbacks_total',
    help: "Access-log writes that waited because the log's sequencer was behind (pushback)",
    registers: [this.registry],
  });
  readonly accessLogAppendGroup = new Histogram({
    name: 'hub_access_log_appends_per_commit',
    help: "Requests' access-log appends written together in one commit (group commit)",
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });
  readonly accessRecordsWritten = new Counter({
    name: 'hub_access_records_written_total',
    help: 'Field-access records written to the access log',
    registers: [this.registry],
  });
  readonly consentLookupDuration = new Histogram({
    name: 'hub_consent_lookup_duration_seconds',
    help: 'Latency of one batched consent and victim-facts look-up (remote: asked coordination; local: own database)',
    labelNames: ['source', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  /** Coordination only: consent look-ups answered, by the asking subgraph. */
  readonly victimFactsLookups = new Counter({
    name: 'hub_victim_facts_lookups_total',
    help: 'Consent and victim-facts look-ups answered for other subgraphs, by caller',
    labelNames: ['caller'] as const,
    registers: [this.registry],
  });
  readonly policyDenials = new Counter({
    name: 'hub_policy_denials_total',
    help: 'Victim records with at least one refused field, by denial code (FORBIDDEN, CONSENT_REQUIRED, …)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly counters = new Map<string, Counter<string>>();

  /**
   * A counter of its own subsystem (the witness client, the sequencer, the outbox relay, assertion refusals),
   * created on first use with the help text listed in `counterHelp`. Label names come from the first call.
   */
  increment(name: keyof typeof counterHelp, labels: Record<string, string> = {}, by = 1): void {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = new Counter({ name, help: counterHelp[name], labelNames: Object.keys(labels), registers: [this.registry] });
      this.counters.set(name, counter);
    }
    counter.inc(labels, by);
  }

  constructor() {
    // process_cpu_seconds_total, process_resident_memory_bytes, nodejs_eventloop_lag_seconds, …
    collectDefaultMetrics({ register: this.registry });
  }

  /** A label value for a client-chosen operation name that keeps the number of series bounded. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** Times `work` into `histogram` with `labels` and `outcome` = ok | error. */
  async time<T, L extends string>(
    histogram: Histogram<L | 'outcome'>,
    labels: Partial<Record<L, string>>,
    work: () => Promise<T>,
  ): Promise<T> {
    const end = histogram.startTimer(labels as Partial<Record<L | 'outcome', string>>);
    try {
      const result = await work();
      end({ outcome: 'ok' } as Partial<Record<L | 'outcome', string>>);
      return result;
    } catch (error) {
      end({ outcome: 'error' } as Partial<Record<L | 'outcome', string>>);
      throw error;
    }
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
