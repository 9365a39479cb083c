import { type SubgraphDefinition, SupportEventOutbox1764900000000, SupportEventOutboxEntry, victimReference } from '@hub/shared';
import { AssistanceDecision } from './entities/assistance-decision';
import { AssistanceMeasure } from './entities/assistance-measure';
import { Placement } from './entities/placement';
import { Shelter } from './entities/shelter';
import { SocialServicesRecords1764300000000 } from './migrations/1764300000000-social-services-records';
import { AssistanceDecisionResolver } from './resolvers/assistance-decision.resolver';
import { AssistanceMeasureResolver } from './resolvers/assistance-measure.resolver';
import { PlacementResolver } from './resolvers/placement.resolver';
import { ShelterResolver } from './resolvers/shelter.resolver';
import { AssistanceStatisticsResolver } from './resolvers/statistics.resolver';
import { VictimSocialServicesResolver } from './resolvers/victim.resolver';
import { Victim } from './resolvers/victim';
import { seedSocialServices } from './seed';

/** The social services subgraph: safe houses and placements, assistance measures, assistance decisions. */
export const socialServicesSubgraph: SubgraphDefinition = {
  name: 'social-services',
  resolvers: [
    VictimSocialServicesResolver,
    ShelterResolver,
    PlacementResolver,
    AssistanceMeasureResolver,
    AssistanceDecisionResolver,
    AssistanceStatisticsResolver,
  ],
  // Nothing here returns a Victim, so type-graphql would leave the entity out without this.
  orphanedTypes: [Victim],
  referenceResolvers: victimReference(),
  entities: [Shelter, Placement, AssistanceMeasure, AssistanceDecision, SupportEventOutboxEntry],
  migrations: [SocialServicesRecords1764300000000, SupportEventOutbox1764900000000],
  supportEvents: 'outbox',
  seed: { markerTable: 'shelter', load: seedSocialServices },
};
