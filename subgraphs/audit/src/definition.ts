import { type SubgraphDefinition, victimReference } from '@hub/shared';
import { startChainMaintenance } from './chain/checkpoints';
import { AuditRecord } from './entities/audit-record';
import { AccessLog1764300000000 } from './migrations/1764300000000-access-log';
import { AccessHistoryResolver } from './resolvers/access-history.resolver';
import { AccessLogResolver } from './resolvers/access-log.resolver';
import { Victim } from './resolvers/victim';

/**
 * The access log: field-access and operation records from every service, hash-chained and insert-only,
 * with signed checkpoints; read by audit staff, and per victim (dates, purposes, agencies) by coordinators.
 */
export const auditSubgraph: SubgraphDefinition = {
  name: 'audit',
  resolvers: [AccessLogResolver, AccessHistoryResolver],
  orphanedTypes: [Victim],
  referenceResolvers: victimReference(),
  entities: [AuditRecord],
  migrations: [AccessLog1764300000000],
  background: ({ dataSource, keys, log }) =>
    startChainMaintenance(dataSource, keys, log, Number(process.env.HUB_AUDIT_CHECKPOINT_SECONDS ?? 60)),
};
