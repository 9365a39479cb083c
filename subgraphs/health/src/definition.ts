import { type SubgraphDefinition, SupportEventOutbox1764900000000, SupportEventOutboxEntry, victimReference } from '@hub/shared';
import { HealthAssessment } from './entities/health-assessment';
import { HealthSummary } from './entities/health-summary';
import { HealthRecords1764300000000 } from './migrations/1764300000000-health-records';
import { HealthResolver } from './resolvers/health.resolver';
import { VictimHealthResolver } from './resolvers/victim.resolver';
import { Victim } from './resolvers/victim';
import { seedHealth } from './seed';

/** The health subgraph: a coarse health summary for coordination, and clinical assessments (HEALTH_DETAIL). */
export const healthSubgraph: SubgraphDefinition = {
  name: 'health',
  resolvers: [VictimHealthResolver, HealthResolver],
  // Victim is reached by no query here, only through `_entities`: listed so that the schema keeps it.
  orphanedTypes: [Victim],
  referenceResolvers: victimReference(),
  entities: [HealthSummary, HealthAssessment, SupportEventOutboxEntry],
  migrations: [HealthRecords1764300000000, SupportEventOutbox1764900000000],
  supportEvents: 'outbox',
  seed: { markerTable: 'health_summary', load: seedHealth },
};
