import type { IncomingMessage } from 'node:http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | null = null;

/**
 * Tracing is on when the standard OpenTelemetry variables ask for an exporter: `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), or `OTEL_TRACES_EXPORTER` other than `none`. Off otherwise, and
 * whenever `OTEL_SDK_DISABLED=true`.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER) return env.OTEL_TRACES_EXPORTER !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Probes and scrapes are not worth a trace. */
const OPERATIONAL = /^\/(metrics|livez|readyz|health)(\/|\?|$)/;

/** Overwrites every URL attribute with the URL minus its query: a GET query string can hold values. */
function withoutQuery(span: { setAttribute: (key: string, value: string) => unknown }, request: IncomingMessage | unknown): void {
  const url = (request as IncomingMessage).url;
  if (typeof url !== 'string' || !url.includes('?')) return;
  const path = url.slice(0, url.indexOf('?'));
  span.setAttribute('http.target', path);
  span.setAttribute('url.path', path);
  span.setAttribute('url.query', '');
  const host = (request as IncomingMessage).headers?.host;
  if (host) {
    span.setAttribute('http.url', `http://${host}${path}`);
    span.setAttribute('url.full', `http://${host}${path}`);
  }
}

/**
 * Starts OpenTelemetry tracing for one service (W3C trace context in and out): HTTP in and out, Express,
 * GraphQL, PostgreSQL and undici (fetch). The exporter, its endpoint and protocol come from the standard
 * `OTEL_*` variables; `OTEL_SERVICE_NAME` defaults to `hub-<service>`. Must run before the instrumented
 * modules are loaded (see `start-tracing.ts`).
 *
 * No personal values in spans: GraphQL variables are not recorded and literal values in documents are
 * replaced by `*` (`allowValues: false`), SQL parameters are not recorded (`enhancedDatabaseReporting:
 * false`), query strings are cut from URLs, and no header is recorded.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk || !tracingRequested(env)) return false;
  env.OTEL_SERVICE_NAME ??= `hub-${service}`;
  // Metrics go to Prometheus (/metrics), logs to stdout: only traces are exported.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_PROPAGATORS ??= 'tracecontext';
  sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => OPERATIONAL.test(request.url ?? ''),
        requestHook: withoutQuery,
      }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ allowValues: false, mergeItems: true, ignoreTrivialResolveSpans: true, depth: 2 }),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  return true;
}

/** Flushes the spans still buffered; called when the service stops. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  await running?.shutdown();
}
