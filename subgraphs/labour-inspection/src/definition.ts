import { type SubgraphDefinition, SupportEventOutbox1764900000000, SupportEventOutboxEntry, victimReference } from '@hub/shared';
import { BackPayClaim } from './entities/back-pay-claim';
import { PoliceReferral } from './entities/police-referral';
import { Sanction } from './entities/sanction';
import { WorkplaceInspection } from './entities/workplace-inspection';
import { LabourInspectionRecords1765000000000 } from './migrations/1765000000000-labour-inspection-records';
import { LabourInspectionResolver } from './resolvers/labour-inspection.resolver';
import { LabourInspectionStatisticsResolver } from './resolvers/statistics.resolver';
import { VictimLabourInspectionResolver } from './resolvers/victim.resolver';
import { Victim } from './resolvers/victim';
import { seedLabourInspection } from './seed';

/**
 * The labour inspection subgraph: workplace inspections that found victims of forced labour, the indicators found,
 * sanctions on the employers, referrals to the police, and back-pay and compensation claims for the victims.
 */
export const labourInspectionSubgraph: SubgraphDefinition = {
  name: 'labour-inspection',
  resolvers: [VictimLabourInspectionResolver, LabourInspectionResolver, LabourInspectionStatisticsResolver],
  // Victim is reached only through _entities, so no query names it.
  orphanedTypes: [Victim],
  referenceResolvers: victimReference(),
  entities: [WorkplaceInspection, Sanction, PoliceReferral, BackPayClaim, SupportEventOutboxEntry],
  migrations: [LabourInspectionRecords1765000000000, SupportEventOutbox1764900000000],
  supportEvents: 'outbox',
  seed: { markerTable: 'workplace_inspection', load: seedLabourInspection },
};
