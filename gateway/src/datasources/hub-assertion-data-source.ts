import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type HubCaller, type Logger, type ServiceKeys, signHubAssertion } from '@hub/shared';
import { type SubgraphFetch, type SubgraphRequestInit, createSubgraphFetch } from './subgraph-fetcher';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface GatewayContext {
  caller: HubCaller;
}

/**
 * Carries the caller from `willSendRequest` to the fetcher, which signs once it has the exact body. The header
 * is removed before the request leaves the gateway.
 */
const PENDING_CALLER_HEADER = 'x-hub-pending-caller';

/** The part of the answer a subgraph could not give: the rest of the answer is served. */
export const subgraphUnavailable = (subgraph: string): GatewayGraphQLResponse => ({
  errors: [
    {
      message: `The ${subgraph} service did not answer; its part of this answer is missing`,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: subgraph },
    } as never,
  ],
});

/**
 * Sends each subgraph a short-lived assertion signed by the gateway — never the user's own token — with that
 * subgraph as audience, a one-time id and the hash of the exact request body, so that a captured assertion
 * can be neither replayed nor reused for another query. Subgraphs decide access from it.
 *
 * A subgraph that cannot be reached, times out or answers with anything but GraphQL JSON gives a coded
 * SUBGRAPH_UNAVAILABLE error on its part of the answer; the other subgraphs' data is still served.
 */
export class HubAssertionDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly keys: ServiceKeys,
    private readonly log: Logger,
    send: SubgraphFetch = createSubgraphFetch(),
  ) {
    super({ url });
    this.fetcher = ((target: string, init: SubgraphRequestInit) => this.signAndSend(send, target, init)) as never;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Composition and health checks carry no caller; the subgraph then refuses them, as it should.
    if (!('caller' in context) || !context.caller) return;
    request.http?.headers.set(PENDING_CALLER_HEADER, Buffer.from(JSON.stringify(context.caller)).toString('base64url'));
    request.http?.headers.set('x-request-id', context.caller.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const requestId = 'caller' in options.context ? options.context.caller?.requestId : undefined;
      this.log.warn({ subgraph: this.subgraph, requestId, reason: describe(error) }, 'subgraph unavailable');
      return subgraphUnavailable(this.subgraph);
    }
  }

  private async signAndSend(send: SubgraphFetch, url: string, init: SubgraphRequestInit): Promise<Response> {
    const headers = { ...init.headers };
    const pending = headers[PENDING_CALLER_HEADER];
    delete headers[PENDING_CALLER_HEADER];
    if (pending) {
      const caller = JSON.parse(Buffer.from(pending, 'base64url').toString('utf8')) as HubCaller;
      headers.authorization = `Bearer ${await signHubAssertion(this.keys, this.subgraph, caller, init.body ?? '')}`;
    }
    return send(url, { ...init, headers });
  }
}

/** Why a subgraph call failed, for the log: a code or status, never a body (it may hold personal data). */
function describe(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; cause?: { code?: unknown }; extensions?: { response?: { status?: unknown } } };
  const status = e.extensions?.response?.status;
  if (typeof status === 'number') return `HTTP ${status}`;
  return String(e.cause?.code ?? e.code ?? e.name ?? 'unknown');
}
