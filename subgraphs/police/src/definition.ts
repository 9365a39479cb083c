import { type SubgraphDefinition, SupportEventOutbox1764900000000, SupportEventOutboxEntry, victimReference } from '@hub/shared';
import { Cooperation } from './entities/cooperation';
import { Investigation } from './entities/investigation';
import { Testimony } from './entities/testimony';
import { PoliceRecords1764300000000 } from './migrations/1764300000000-police-records';
import { InvestigationResolver } from './resolvers/investigation.resolver';
import { PoliceStatisticsResolver } from './resolvers/statistics.resolver';
import { VictimPoliceResolver } from './resolvers/victim.resolver';
import { Victim } from './resolvers/victim';
import { seedPolice } from './seed';

/** The police subgraph: investigations, cooperation with the police, testimony in court. */
export const policeSubgraph: SubgraphDefinition = {
  name: 'police',
  resolvers: [VictimPoliceResolver, InvestigationResolver, PoliceStatisticsResolver],
  // Victim is reached only through _entities, so no query names it.
  orphanedTypes: [Victim],
  referenceResolvers: victimReference(),
  entities: [Investigation, Cooperation, Testimony, SupportEventOutboxEntry],
  migrations: [PoliceRecords1764300000000, SupportEventOutbox1764900000000],
  supportEvents: 'outbox',
  seed: { markerTable: 'investigation', load: seedPolice },
};
