import { serviceAgent, serviceFetch } from '@hub/shared';

/**
 * How long the gateway waits for one subgraph. Past it that subgraph's part of the answer is missing, with
 * SUBGRAPH_UNAVAILABLE, and the rest of the answer is served: a timeout is a coded error, never a 500.
 */
export const SUBGRAPH_TIMEOUT_MS = 15_000;

export interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What `RemoteGraphQLDataSource` calls: (url, init) → a WHATWG Response. */
export type SubgraphFetch = (url: string, init: SubgraphRequestInit) => Promise<Response>;

/**
 * The gateway's HTTP client for subgraph calls: undici, with idle sockets closed by the gateway long before
 * the subgraph's server would close them (shared/src/process/keep-alive.ts), and explicit connect, headers
 * and body timeouts.
 *
 * Apollo's default (make-fetch-happen) keeps idle sockets with no idle limit and never retries a POST: a query
 * sent on a pooled socket just as the subgraph's server closes it after its keep-alive timeout fails with
 * ECONNRESET, and that raw fetch error used to reach the gateway's plugins and end as an HTTP 500. It also
 * builds an Error per request (agent-base's TLS test), a fifth of the gateway's CPU.
 */
export function createSubgraphFetch(timeoutMs = SUBGRAPH_TIMEOUT_MS): SubgraphFetch {
  const agent = serviceAgent({ connectMs: Math.min(timeoutMs, 5_000), responseMs: timeoutMs });
  return (url, init) => serviceFetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body, timeoutMs }, agent);
}
