import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The part of Hive Gateway's runtime (`@graphql-hive/gateway-runtime`, MIT) the hub uses, typed here.
 *
 * Its own type declarations pull in `@whatwg-node/fetch`'s, which reference the DOM library: imported with
 * `import`, they would give the whole program (every service and test) the browser's globals. So the module
 * is loaded with `require` and described by these few types.
 */
export interface HiveFetchPayload {
  url: string;
  options: { method?: string; headers?: unknown; body?: unknown; signal?: AbortSignal };
  setOptions(options: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }): void;
  setFetchFn(fetch: (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>): void;
  context: unknown;
}

export interface HiveResultPayload {
  request: object;
  result: unknown;
  setResult(result: unknown): void;
  serverContext: unknown;
}

export interface HivePlugin {
  onParams?(payload: { params: unknown; request: object }): void;
  onFetch?(payload: HiveFetchPayload): Promise<void> | void;
  onResultProcess?(payload: HiveResultPayload): Promise<void> | void;
}

export interface HiveRuntimeConfig {
  supergraph: string;
  transports: Record<string, unknown>;
  transportEntries: Record<string, { location?: string; options?: Record<string, unknown> }>;
  graphqlEndpoint: string;
  landingPage: boolean;
  graphiql: boolean;
  batching: boolean;
  logging: 'debug' | 'info' | 'warn' | 'error' | boolean;
  plugins: () => HivePlugin[];
}

export interface HiveRuntime {
  /** Answers a Node request; the context Hive's plugins see as `serverContext` (and in `context`) holds `req`. */
  requestListener(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
  dispose(): Promise<void> | void;
}

const runtime = require('@graphql-hive/gateway-runtime') as { createGatewayRuntime(config: HiveRuntimeConfig): HiveRuntime };
const http = require('@graphql-mesh/transport-http') as unknown;

export const createGatewayRuntime = runtime.createGatewayRuntime;
/** Hive's HTTP transport to subgraphs (the runtime would otherwise import it by name at run time). */
export const httpTransport = http;
