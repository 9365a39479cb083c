import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Metrics } from '@hub/shared';

/** Times every request the gateway sends to `subgraph` into `hub_subgraph_request_duration_seconds`. */
export function withSubgraphRequestMetrics<S extends RemoteGraphQLDataSource<never>>(source: S, subgraph: string, metrics: Metrics): S {
  const process = source.process.bind(source);
  source.process = (options) => metrics.time(metrics.subgraphRequestDuration, { subgraph }, () => process(options));
  return source;
}
