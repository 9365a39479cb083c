/**
 * Imported by `@hub/shared`'s index before anything else, so that the instrumentations patch http, express,
 * graphql and pg before any service loads them. Does nothing unless the standard OTEL_* variables ask for
 * traces (see tracing.ts).
 */
import { startTracing } from './tracing';

/** `gateway`, or the subgraph's folder name, from the process's entry (`subgraphs/police/src/index.ts`). */
const entry = require.main?.filename ?? '';
const service = /[\\/]subgraphs[\\/]([^\\/]+)[\\/]/.exec(entry)?.[1] ?? (/[\\/]gateway[\\/]/.test(entry) ? 'gateway' : 'tool');

startTracing(service);
