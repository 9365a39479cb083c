import { type SubgraphDefinition, SupportEventOutbox1764900000000, SupportEventOutboxEntry, victimReference } from '@hub/shared';
import { ChildWelfareMeasure } from './entities/child-welfare-measure';
import { Guardianship } from './entities/guardianship';
import { guardianRoutes } from './internal/guardian-routes';
import { ChildWelfareRecords1764300000000 } from './migrations/1764300000000-child-welfare-records';
import { ChildWelfareMeasureResolver } from './resolvers/child-welfare-measure.resolver';
import { GuardianshipResolver } from './resolvers/guardianship.resolver';
import { VictimChildWelfareResolver } from './resolvers/victim.resolver';
import { Victim } from './resolvers/victim';
import { seedChildWelfare } from './seed';

/** The child-welfare subgraph: guardians of unaccompanied minors and child-welfare measures. */
export const childWelfareSubgraph: SubgraphDefinition = {
  name: 'child-welfare',
  resolvers: [VictimChildWelfareResolver, GuardianshipResolver, ChildWelfareMeasureResolver],
  // Victim is reached by no query here, only through `_entities`: listed so that the schema keeps it.
  orphanedTypes: [Victim],
  referenceResolvers: victimReference(),
  entities: [Guardianship, ChildWelfareMeasure, SupportEventOutboxEntry],
  migrations: [ChildWelfareRecords1764300000000, SupportEventOutbox1764900000000],
  supportEvents: 'outbox',
  seed: { markerTable: 'guardianship', load: seedChildWelfare },
  internalRoutes: guardianRoutes,
  // Only the coordination registry asks whether a minor has a guardian (before a guardian's consent).
  internalIssuers: ['coordination'],
};
