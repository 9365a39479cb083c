import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Router } from 'express';
import type { NonEmptyArray } from 'type-graphql';
import type { DataSource, EntityManager, MixedList } from 'typeorm';
import type { ServiceKeys } from '../auth/service-keys';
import type { SubgraphName } from '../config/services';
import type { Caseload } from '../demo/caseload-types';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { VictimFactsLoader } from '../policy/access-controller';
import type { NewSupportEvent } from './coordination-client';
import type { SubgraphContext } from './subgraph-context';

/** Everything that makes one agency's subgraph; every subgraph exports one from `src/definition.ts`. */
export interface SubgraphDefinition {
  name: SubgraphName;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers: GraphQLResolverMap<SubgraphContext>;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Loads this agency's part of the demo caseload into an empty database (none for the audit log). */
  seed?: {
    /** A table that is empty until the demo has been loaded. */
    markerTable: string;
    load: (dataSource: DataSource, caseload: Caseload) => Promise<void>;
  };
  /** Only the coordination subgraph answers victim facts from its own database; others ask it. */
  localVictimFacts?: (dataSource: DataSource) => VictimFactsLoader;
  /**
   * Where the subgraph's support events go: `'outbox'` (an agency: its migrations and entities include the
   * kit's outbox, a relay delivers to coordination), or coordination's own writer. None: it records none.
   */
  supportEvents?: 'outbox' | ((tx: EntityManager, event: NewSupportEvent) => Promise<void>);
  /** Extra service-to-service routes (under `/internal`), each authenticated by a service assertion. */
  internalRoutes?: (router: Router, deps: InternalRouteDeps) => void;
  /** Which services may call those routes; by default every subgraph but coordination (which they all call). */
  internalIssuers?: readonly SubgraphName[];
  /** Periodic work of the service (e.g. signing checkpoints); returns how to stop it. */
  background?: (deps: InternalRouteDeps) => () => void;
}

export interface InternalRouteDeps {
  dataSource: DataSource;
  keys: ServiceKeys;
  metrics: Metrics;
  log: Logger;
}
