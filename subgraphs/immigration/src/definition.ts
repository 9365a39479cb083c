import { type SubgraphDefinition, SupportEventOutbox1764900000000, SupportEventOutboxEntry, victimReference } from '@hub/shared';
import { Permit } from './entities/permit';
import { ReflectionPeriod } from './entities/reflection-period';
import { VoluntaryReturn } from './entities/voluntary-return';
import { ImmigrationRecords1764300000000 } from './migrations/1764300000000-immigration-records';
import { PermitResolver } from './resolvers/permit.resolver';
import { ReflectionPeriodResolver } from './resolvers/reflection-period.resolver';
import { ImmigrationStatisticsResolver } from './resolvers/statistics.resolver';
import { Victim } from './resolvers/victim';
import { VictimImmigrationResolver } from './resolvers/victim.resolver';
import { VoluntaryReturnResolver } from './resolvers/voluntary-return.resolver';
import { seedImmigration } from './seed';

/** The immigration subgraph: reflection periods, residence permits, assisted voluntary returns. */
export const immigrationSubgraph: SubgraphDefinition = {
  name: 'immigration',
  resolvers: [
    VictimImmigrationResolver,
    ReflectionPeriodResolver,
    PermitResolver,
    VoluntaryReturnResolver,
    ImmigrationStatisticsResolver,
  ],
  // type-graphql 2 emits only types reachable from Query/Mutation; Victim is reached through `_entities`.
  orphanedTypes: [Victim],
  // testifiedInCourt comes from the police for permanentResidenceEligibility (@requires).
  referenceResolvers: victimReference('testifiedInCourt'),
  entities: [ReflectionPeriod, Permit, VoluntaryReturn, SupportEventOutboxEntry],
  migrations: [ImmigrationRecords1764300000000, SupportEventOutbox1764900000000],
  supportEvents: 'outbox',
  seed: { markerTable: 'reflection_period', load: seedImmigration },
};
