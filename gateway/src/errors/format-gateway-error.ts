import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLFormattedError } from 'graphql';
import { errorCodes } from '@hub/shared';

/**
 * Codes Apollo Server gives to client mistakes it finds itself (unparseable document, invalid operation, bad
 * variables, several operations without an operation name, a persisted query it does not know). They are part
 * of the closed set a client may see; their messages speak of the schema, never of data.
 */
export const apolloClientErrorCodes = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

const clientCodes = new Set<string>([...Object.keys(errorCodes), ...apolloClientErrorCodes]);
clientCodes.delete('INTERNAL_SERVER_ERROR');

/** graphql-js echoes a rejected variable's value (`got invalid value "…"`); the value may be personal. */
const withoutEchoedValue = (message: string): string =>
  message.replace(/got invalid value .*?(;|$)/s, 'got an invalid value$1').replace(/Expected value of type "([^"]+)", found .*?(;|$)/s, 'Expected a value of type "$1"$2');

/** The request id of the HTTP request being handled, for log lines written far from the request object. */
export const currentRequestId = new AsyncLocalStorage<string>();

/**
 * Every error a client sees has a code from the closed set and no internal text. An unexpected error —
 * whatever code it claims, INTERNAL_SERVER_ERROR included — becomes "Internal error"; the request observability
 * plugin logs its original with the request id, which the client has in `x-request-id`.
 */
export function formatGatewayError() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo Server answers a few request mistakes (an APQ hash that does not match its query) with an HTTP
    // 4xx and no code: they are the client's, in plain words of Apollo's own.
    // (Apollo fills in INTERNAL_SERVER_ERROR for every error without a code, so look at the original.)
    const original = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null)?.extensions;
    const status = original?.http?.status;
    const clientMistake = original?.code === undefined && typeof status === 'number' && status >= 400 && status < 500;
    const code = clientMistake ? 'BAD_REQUEST' : formatted.extensions?.code;
    if (typeof code === 'string' && clientCodes.has(code)) {
      const { code: _code, ...rest } = formatted.extensions ?? {};
      // Keep only what the hub itself puts in extensions; gateway-js adds the subgraph's name and, for HTTP
      // failures, the subgraph's URL and body.
      const kept = Object.fromEntries(Object.entries(rest).filter(([key]) => ['category', 'field', 'fields', 'service'].includes(key)));
      return {
        message: code === 'BAD_USER_INPUT' ? withoutEchoedValue(formatted.message) : formatted.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code, ...kept },
      };
    }
    if (/Token limit/i.test(formatted.message)) {
      return { message: formatted.message, extensions: { code: 'MAX_TOKENS_EXCEEDED' } };
    }
    return { message: 'Internal error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
