import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type HubCaller, type ServiceKeys, signHubAssertion } from '@hub/shared';

export interface GatewayContext {
  caller: HubCaller;
}

/**
 * Sends each subgraph a short-lived assertion signed by the gateway, with that subgraph as audience —
 * never the user's own token. Subgraphs decide access from it.
 */
export class HubAssertionDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly keys: ServiceKeys,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Composition and health checks carry no caller; the subgraph then refuses them, as it should.
    if (!('caller' in context) || !context.caller) return;
    request.http?.headers.set('authorization', `Bearer ${await signHubAssertion(this.keys, this.subgraph, context.caller)}`);
    request.http?.headers.set('x-request-id', context.caller.requestId);
  }
}
