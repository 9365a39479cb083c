import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type ValidationContext, type ValidationRule } from 'graphql';
import type { ErrorCode } from '@hub/shared';
import { apolloClientErrorCodes } from '../errors/format-gateway-error';

/** The gateway serves queries and mutations; a subscription is a client mistake, not a failure. */
export const queriesAndMutationsOnly: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (node.operation !== 'query' && node.operation !== 'mutation') {
      context.reportError(
        new GraphQLError('The hub serves queries and mutations only; subscriptions are not offered', {
          nodes: [node],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      );
    }
  },
  // Fragments on a subscription root are caught by the operation that spreads them.
  [Kind.FRAGMENT_DEFINITION]: () => undefined,
});

// A persisted-query miss stays HTTP 200: APQ clients read it as "send the full text", not as a failure.
const clientMistakes = new Set<string>([
  ...apolloClientErrorCodes.filter((code) => !code.startsWith('PERSISTED_QUERY_')),
  'BAD_USER_INPUT' satisfies ErrorCode,
]);

/**
 * An answer with no data whose every error is the client's own mistake (a variable a subgraph's scalar
 * refused, for instance) is an HTTP 400, like the mistakes Apollo Server finds itself.
 */
export const clientErrorStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      // Several operations and no (or an unknown) operationName: Apollo leaves it to the executor, where
      // gateway-js fails with a bare error; answer it here as the client's mistake.
      async didResolveOperation({ operation, request }) {
        if (!operation) {
          throw new GraphQLError(
            request.operationName
              ? `The document has no operation named "${String(request.operationName).slice(0, 100)}"`
              : 'The document has several operations: name the one to run in operationName',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        }
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (data != null || !errors?.length) return;
        if (errors.every((e) => clientMistakes.has(String(e.extensions?.code)))) response.http.status = 400;
      },
    };
  },
};
