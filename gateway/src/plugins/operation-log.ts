import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditWriter, Logger } from '@hub/shared';
import type { GatewayContext } from '../datasources/hub-assertion-data-source';

export const documentHash = (query: string | undefined): string | null =>
  query ? createHash('sha256').update(query, 'utf8').digest('hex') : null;

/**
 * Writes the gateway's operation record (actor, purpose, operation, document hash, outcome, duration,
 * request id) before the answer leaves; if it cannot be written, the answer carries no data.
 */
export function operationLogPlugin(writer: AuditWriter, log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const codes = [...new Set((result.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN')))];
          try {
            await writer.writeOperation({
              requestId: contextValue.caller.requestId,
              caller: contextValue.caller,
              operationName: operationName ?? request.operationName ?? null,
              documentHash: documentHash(request.query),
              outcome: codes.length === 0 ? 'OK' : `ERRORS:${codes.join(',')}`,
              durationMs: performance.now() - started,
            });
          } catch (error) {
            log.error({ err: error, requestId: contextValue.caller.requestId }, 'operation record could not be written: answer withheld');
            result.data = null;
            result.errors = [
              { message: 'The access log could not be written, so no data was returned', extensions: { code: 'AUDIT_UNAVAILABLE' } },
            ];
          }
        },
      };
    },
  };
}
