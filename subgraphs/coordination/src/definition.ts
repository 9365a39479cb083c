import type { SubgraphDefinition } from '@hub/shared';
import { ConsentGrant } from './entities/consent-grant';
import { Handover } from './entities/handover';
import { ProblemReport } from './entities/problem-report';
import { SupportEvent } from './entities/support-event';
import { Victim } from './entities/victim';
import { coordinationInternalRoutes } from './internal/internal-routes';
import { loadVictimAccessFacts } from './internal/victim-access-facts';
import { CoordinationRegistry1764300000000 } from './migrations/1764300000000-coordination-registry';
import { CaseloadIndexes1764900000000 } from './migrations/1764900000000-caseload-indexes';
import { VictimMilestones1764900000001 } from './migrations/1764900000001-victim-milestones';
import { ConsentGivenAt1764950000000 } from './migrations/1764950000000-consent-given-at';
import { CrossBorderHandover1765000000000 } from './migrations/1765000000000-cross-border-handover';
import { ConsentResolver } from './resolvers/consent.resolver';
import { HandoverResolver, VictimHandoversResolver } from './resolvers/handover.resolver';
import { IdentificationResolver } from './resolvers/identification.resolver';
import { ProblemReportResolver } from './resolvers/problem-report.resolver';
import { RegistryResolver } from './resolvers/registry.resolver';
import { CaseloadStatisticsResolver } from './resolvers/statistics.resolver';
import { SupportPathResolver } from './resolvers/support-path.resolver';
import { VictimResolver } from './resolvers/victim.resolver';
import { victimReference } from './resolvers/victim.reference';
import { recordCoordinationEvent } from './resolvers/record-event';
import { seedCoordination } from './seed';

/**
 * The coordinating unit's own subgraph: the victim registry (identity, identification, case status),
 * consents, the support path merged from every agency's milestones, problem reports, the agency directory.
 */
export const coordinationSubgraph: SubgraphDefinition = {
  name: 'coordination',
  resolvers: [
    VictimResolver,
    SupportPathResolver,
    IdentificationResolver,
    ConsentResolver,
    HandoverResolver,
    VictimHandoversResolver,
    ProblemReportResolver,
    RegistryResolver,
    CaseloadStatisticsResolver,
  ],
  referenceResolvers: victimReference,
  entities: [Victim, ConsentGrant, SupportEvent, ProblemReport, Handover],
  migrations: [CoordinationRegistry1764300000000, CaseloadIndexes1764900000000, VictimMilestones1764900000001, ConsentGivenAt1764950000000, CrossBorderHandover1765000000000],
  seed: { markerTable: 'victim', load: seedCoordination },
  localVictimFacts: loadVictimAccessFacts,
  internalRoutes: coordinationInternalRoutes,
  supportEvents: recordCoordinationEvent,
};
