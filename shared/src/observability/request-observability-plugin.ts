import type { ApolloServerPlugin } from '@apollo/server';
import type { HubCaller } from '../auth/hub-caller';
import { errorCodes } from '../errors/error-codes';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { isExpectedErrorCode, noteOutcome } from './request-outcome';

/**
 * Per GraphQL request: its latency into `hub_graphql_request_duration_seconds` by operation and outcome, its
 * outcome and error codes for the request log line, and one `unexpected error` line per unexpected failure,
 * with the request id that the client got in `x-request-id` (docs/error-codes.md, INTERNAL_SERVER_ERROR).
 */
export function requestObservabilityPlugin<C extends { caller?: Partial<HubCaller> }>(metrics: Metrics, log: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isExpectedErrorCode(error.extensions?.code, errorCodes)) continue;
            log.error(
              { err: error.originalError ?? error, path: error.path, operationName, requestId: contextValue.caller?.requestId },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ contextValue, response, operationName, request }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          const name = operationName ?? request.operationName ?? null;
          const outcome = codes.length === 0 ? 'OK' : 'ERRORS';
          metrics.requestDuration.observe(
            { operation: metrics.operationLabel(name), outcome },
            (performance.now() - started) / 1000,
          );
          if (contextValue.caller) noteOutcome(contextValue.caller, { operationName: name, outcome, codes });
        },
      };
    },
  };
}
