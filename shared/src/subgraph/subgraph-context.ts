import type { DataSource } from 'typeorm';
import type { SupportEventSink } from '../agency-kit/support-event-sink';
import type { HandoverPartRequest } from '../agency-kit/handover-part';
import type { AuditWriter } from '../audit/audit-writer';
import type { HandoverPart } from '../handover/handover-package';
import type { HubCaller } from '../auth/hub-caller';
import type { ServiceKeys } from '../auth/service-keys';
import type { Logger } from '../observability/logger';
import type { AccessController } from '../policy/access-controller';
import type { CoordinationClient } from './coordination-client';
import type { RequestLoaders } from './request-loaders';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext {
  caller: HubCaller;
  access: AccessController;
  loaders: RequestLoaders;
  dataSource: DataSource;
  /** This service's signing key and the hub's trusted keys. */
  keys: ServiceKeys;
  /** Reaches the coordination subgraph on this caller's behalf. */
  coordination: CoordinationClient;
  /** The access log; the mutation path writes its record before the commit. */
  audit: AuditWriter;
  /** Where support events go (the outbox of an agency, coordination's own table). */
  supportEvents: SupportEventSink;
  log: Logger;
  now: Date;
  /** This subgraph's own part of a cross-border hand-over, for this caller (what `/internal/handover-part` answers). */
  handoverPart?: (request: HandoverPartRequest) => Promise<HandoverPart>;
}
