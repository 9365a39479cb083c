import type { SubgraphDefinition } from '@hub/shared';
import { ChildWelfareMeasure } from './entities/child-welfare-measure';
import { Guardianship } from './entities/guardianship';
import { guardianRoutes } from './internal/guardian-routes';
import { ChildWelfareRecords1764300000000 } from './migrations/1764300000000-child-welfare-records';
import { ChildWelfareMeasureResolver } from './resolvers/child-welfare-measure.resolver';
import { GuardianshipResolver } from './resolvers/guardianship.resolver';
import { VictimChildWelfareResolver } from './resolvers/victim.resolver';
import { Victim } from './resolvers/victim';
import { victimReference } from './resolvers/victim.reference';
import { seedChildWelfare } from './seed';

/** The child-welfare subgraph: guardians of unaccompanied minors and child-welfare measures. */
export const childWelfareSubgraph: SubgraphDefinition = {
  name: 'child-welfare',
  resolvers: [VictimChildWelfareResolver, GuardianshipResolver, ChildWelfareMeasureResolver],
  // Victim is reached by no query here, only through `_entities`: listed so that the schema keeps it.
  orphanedTypes: [Victim],
  referenceResolvers: victimReference,
  entities: [Guardianship, ChildWelfareMeasure],
  migrations: [ChildWelfareRecords1764300000000],
  seed: { markerTable: 'guardianship', load: seedChildWelfare },
  internalRoutes: guardianRoutes,
  // Only the coordination registry asks whether a minor has a guardian (before a guardian's consent).
  internalIssuers: ['coordination'],
};
