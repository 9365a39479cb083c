import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { SubgraphContext } from '../subgraph/subgraph-context';
import type { AuditWriter } from './audit-writer';

/**
 * Writes the request's field-access records before the answer leaves the subgraph. When they cannot be
 * written, the answer carries no personal data: `data` is dropped and the error is AUDIT_UNAVAILABLE.
 */
export function accessLogPlugin(writer: AuditWriter, metrics: Metrics, log: Logger): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const records = contextValue.access?.accessRecords() ?? [];
          if (records.length === 0 || response.body.kind !== 'single') return;
          try {
            await writer.writeFieldAccess(contextValue.caller, records);
            for (const record of records) for (const code of record.denialCodes) metrics.policyDenials.inc({ code });
          } catch (error) {
            log.error({ err: error, requestId: contextValue.caller.requestId }, 'access log unavailable: answer withheld');
            response.body.singleResult.data = null;
            response.body.singleResult.errors = [
              {
                message: 'The access log could not be written, so no personal data was returned',
                extensions: { code: 'AUDIT_UNAVAILABLE' },
              },
            ];
          }
        },
      };
    },
  };
}
