import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationContext } from 'graphql';
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

const limitCodes: readonly ErrorCode[] = [
  'MAX_DEPTH_EXCEEDED',
  'MAX_ALIASES_EXCEEDED',
  'MAX_DIRECTIVES_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
  'MAX_TOKENS_EXCEEDED',
];

const reject =
  (code: ErrorCode) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(new GraphQLError(error.message, { extensions: { code } }));
  };

/** graphql-js's own message when `parseOptions.maxTokens` stops the parser. */
const TOKEN_LIMIT_MESSAGE = /Document contains more (?:than|that) \d+ tokens/;

/**
 * Apollo Server reports every validation error as GRAPHQL_VALIDATION_FAILED and every parse error as
 * GRAPHQL_PARSE_FAILED, overwriting the limit's own code; this puts the limit's code back (status stays 400).
 */
const limitCodesPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          // Only GraphQL errors carry extensions; anything else is masked by the error formatter.
          if (!(error instanceof GraphQLError)) continue;
          const extensions = error.extensions as Record<string, unknown>;
          const original = error.originalError as { extensions?: Record<string, unknown> } | undefined;
          const code = original?.extensions?.code;
          if (extensions.code === 'GRAPHQL_VALIDATION_FAILED' && limitCodes.includes(code as ErrorCode)) {
            extensions.code = code;
          } else if (extensions.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(error.message)) {
            extensions.code = 'MAX_TOKENS_EXCEEDED';
          }
        }
      },
    };
  },
};

/**
 * graphql-armor, configured with the hub's limits and error codes. The token limit is enforced by the
 * parser itself (`parseOptions`): armor's Apollo token plugin throws outside the request pipeline, which
 * Apollo answers with HTTP 500.
 */
export function requestLimitProtection(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: requestLimits.maxDepth, propagateOnRejection: false, onReject: [reject('MAX_DEPTH_EXCEEDED')], flattenFragments: true },
    maxAliases: { n: requestLimits.maxAliases, propagateOnRejection: false, onReject: [reject('MAX_ALIASES_EXCEEDED')] },
    maxDirectives: { n: requestLimits.maxDirectives, propagateOnRejection: false, onReject: [reject('MAX_DIRECTIVES_EXCEEDED')] },
    costLimit: { maxCost: requestLimits.maxCost, propagateOnRejection: false, onReject: [reject('COST_LIMIT_EXCEEDED')] },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const parseOptions: ParseOptions = { maxTokens: requestLimits.maxTokens };
  return { validationRules: armor.validationRules, plugins: [...armor.plugins, limitCodesPlugin], parseOptions };
}
