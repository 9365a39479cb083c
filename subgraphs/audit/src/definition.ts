import { type SubgraphDefinition, victimReference } from '@hub/shared';
import { AuditRecord } from './entities/audit-record';
import { startLogService } from './log/log-service';
import { AccessLog1764300000000 } from './migrations/1764300000000-access-log';
import { TransparencyLog1764900000000 } from './migrations/1764900000000-transparency-log';
import { IntegrationLag1765000000000 } from './migrations/1765000000000-integration-lag';
import { AccessHistoryEntryResolver, AccessHistoryResolver } from './resolvers/access-history.resolver';
import { AccessLogResolver } from './resolvers/access-log.resolver';
import { TransparencyResolver } from './resolvers/transparency.resolver';
import { Victim } from './resolvers/victim';

/**
 * The access log as a transparency log: records from every service (each signed by its writer), sequenced
 * into an RFC 9162 Merkle tree with signed, witness-cosigned heads; read by audit staff, with proofs, and per
 * victim (dates, purposes, agencies) by coordinators.
 */
export const auditSubgraph: SubgraphDefinition = {
  name: 'audit',
  resolvers: [AccessLogResolver, AccessHistoryResolver, AccessHistoryEntryResolver, TransparencyResolver],
  orphanedTypes: [Victim],
  referenceResolvers: victimReference(),
  entities: [AuditRecord],
  migrations: [AccessLog1764300000000, TransparencyLog1764900000000, IntegrationLag1765000000000],
  background: startLogService,
};
