import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { ErrorCode } from '@hub/shared';

/** Limits every operation must stay within; each refusal carries its own code. */
export const requestLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 30,
  maxCost: 20_000,
  maxTokens: 3_000,
  maxBodyBytes: 100 * 1024,
} as const;

const reject =
  (code: ErrorCode) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(new GraphQLError(error.message, { extensions: { code } }));
  };

/** graphql-armor, configured with the hub's limits and error codes. */
export function requestLimitProtection(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: requestLimits.maxDepth, propagateOnRejection: false, onReject: [reject('MAX_DEPTH_EXCEEDED')], flattenFragments: true },
    maxAliases: { n: requestLimits.maxAliases, propagateOnRejection: false, onReject: [reject('MAX_ALIASES_EXCEEDED')] },
    maxDirectives: { n: requestLimits.maxDirectives, propagateOnRejection: false, onReject: [reject('MAX_DIRECTIVES_EXCEEDED')] },
    costLimit: { maxCost: requestLimits.maxCost, propagateOnRejection: false, onReject: [reject('COST_LIMIT_EXCEEDED')] },
    maxTokens: { n: requestLimits.maxTokens },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
