import type { DataSource } from 'typeorm';
import type { HubCaller } from '../auth/hub-caller';
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
  /** Reaches the coordination subgraph on this caller's behalf (support events). */
  coordination: CoordinationClient;
  log: Logger;
  now: Date;
}
