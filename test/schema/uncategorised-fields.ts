/**
 * Fields of the supergraph that carry no `@category`: each one reviewed, because it says nothing about a
 * victim. `categories.test.ts` fails on any other uncategorised field (apart from `id` fields), and on an
 * entry here that no longer exists or has since been given a category.
 *
 * Before adding an entry, ask: could the value, alone or with the caller's other answers, tell anything
 * about one victim? If so, it needs a category instead.
 */

import { type Agency, agencyEntries, rightsInformationMutation } from '@hub/shared';

const ROOT_QUERY = 'root query field: says nothing itself; the fields of what it returns carry the categories';
const ROOT_MUTATION = 'root mutation field: the fields of the record it returns carry the categories';
const MUTATION_ACK = 'root mutation field returning only `true` once the write is done: no victim data';
const PAGINATION = 'pagination mechanics (opaque cursor, has-next flag) of a list whose items carry the categories';
const CONTAINER = 'container of a list whose items carry the categories';
const DIRECTORY = 'public agency directory (units, on-call phone, e-mail): about agencies, never about a victim';
const INDICATOR = 'the national indicator list itself (code, label, group), the same for every victim';
const AUDIT_INTEGRITY = 'integrity of the access log as a whole (Merkle tree, signed heads): names records by position only';
const TREE_PROOF =
  'Merkle-tree proof of the access log (leaf position, hashes, signed tree heads): hashes and sizes, no record content';
const SHELTER_STOCK = 'safe-house stock (region, beds, target group, occupancy): about the house, not who lives there';

const STATISTICS =
  'aggregate statistics (docs/architecture.md#statistics): a count over a period with small-cell suppression, never about one victim';

export const uncategorisedFields: Readonly<Record<string, string>> = {
  'Query.victims': ROOT_QUERY,
  'Query.victim': ROOT_QUERY,
  'Query.problemReports': ROOT_QUERY,
  'Query.agencyDirectory': ROOT_QUERY,
  'Query.nationalIndicators': ROOT_QUERY,
  'Query.shelters': ROOT_QUERY,
  'Query.accessLog': ROOT_QUERY,
  'Query.emergencyReviewQueue': ROOT_QUERY,
  'Query.verifyAuditChain': ROOT_QUERY,
  'Query.accessRecordProof': ROOT_QUERY,
  'Query.treeConsistency': ROOT_QUERY,
  'Query.latestTreeHead': ROOT_QUERY,

  'Mutation.identifyVictim': ROOT_MUTATION,
  'Mutation.assignCoordinator': ROOT_MUTATION,
  'Mutation.grantConsent': ROOT_MUTATION,
  'Mutation.withdrawConsent': ROOT_MUTATION,
  'Mutation.reportProblem': ROOT_MUTATION,
  'Mutation.resolveProblemReport': ROOT_MUTATION,
  'Mutation.prepareHandover': ROOT_MUTATION,
  'Mutation.sendHandover': ROOT_MUTATION,
  'Mutation.acknowledgeHandover': ROOT_MUTATION,
  'Mutation.openInvestigation': ROOT_MUTATION,
  'Mutation.updateInvestigationStatus': ROOT_MUTATION,
  'Mutation.recordCooperation': MUTATION_ACK,
  'Mutation.recordTestimony': ROOT_MUTATION,
  'Mutation.grantReflectionPeriod': ROOT_MUTATION,
  'Mutation.applyForPermit': ROOT_MUTATION,
  'Mutation.decidePermit': ROOT_MUTATION,
  'Mutation.requestVoluntaryReturn': ROOT_MUTATION,
  'Mutation.completeVoluntaryReturn': ROOT_MUTATION,
  'Mutation.placeInShelter': ROOT_MUTATION,
  'Mutation.endPlacement': ROOT_MUTATION,
  'Mutation.setShelterCapacity': ROOT_MUTATION,
  'Mutation.recordAssistanceDecision': MUTATION_ACK,
  'Mutation.startAssistanceMeasure': ROOT_MUTATION,
  'Mutation.endAssistanceMeasure': ROOT_MUTATION,
  'Mutation.recordHealthAssessment': ROOT_MUTATION,
  'Mutation.updateHealthSummary': ROOT_MUTATION,
  'Mutation.appointGuardian': ROOT_MUTATION,
  'Mutation.endGuardianship': ROOT_MUTATION,
  'Mutation.decideChildWelfareMeasure': ROOT_MUTATION,
  'Mutation.endChildWelfareMeasure': ROOT_MUTATION,
  'Mutation.reviewEmergencyAccess': ROOT_MUTATION,
  // The agency kit's rights information, one mutation per agency that handles cases (the registry).
  ...Object.fromEntries(
    agencyEntries.filter((e) => e.handlesCases && e.subgraph).map((e) => [`Mutation.${rightsInformationMutation(e.agency as Agency)}`, ROOT_MUTATION]),
  ),

  'VictimConnection.edges': CONTAINER,
  'VictimConnection.pageInfo': PAGINATION,
  'VictimConnection.totalCount':
    'how many victims match the filter among those whose case status the caller may read: never one victim',
  'VictimEdge.cursor': PAGINATION,
  'VictimEdge.node': 'the victim of an edge; its own fields carry the categories',
  'ProblemReportConnection.nodes': CONTAINER,
  'ProblemReportConnection.pageInfo': PAGINATION,
  'ProblemReportConnection.totalCount': 'how many problem reports match: a number about the caseload, not a victim',
  'PageInfo.hasNextPage': PAGINATION,
  'PageInfo.endCursor': PAGINATION,
  'AccessRecordConnection.edges': CONTAINER,
  'AccessRecordConnection.pageInfo': PAGINATION,
  'AccessRecordConnection.totalCount': 'how many access records match, among those the caller may read: not one victim',
  'AccessRecordEdge.cursor': PAGINATION,
  'AccessRecordEdge.node': 'the access record of an edge; its own fields carry the categories',
  'AccessLogPageInfo.hasNextPage': PAGINATION,
  'AccessLogPageInfo.endCursor': PAGINATION,

  'AccessRecord.seq': "the record's key (its position in the hash chain): as opaque as an `id` field",
  'ChainVerification.ok': AUDIT_INTEGRITY,
  'ChainVerification.checkedRecords': AUDIT_INTEGRITY,
  'ChainVerification.firstBadRecord': AUDIT_INTEGRITY,
  'ChainVerification.reason': AUDIT_INTEGRITY,
  'ChainVerification.checkpointsChecked': AUDIT_INTEGRITY,
  'ChainVerification.witnessedSize': AUDIT_INTEGRITY,
  'ChainVerification.treeSize': AUDIT_INTEGRITY,
  'ChainVerification.archivedRecords': AUDIT_INTEGRITY,
  'ChainVerification.mode': AUDIT_INTEGRITY,
  'AccessRecordProof.seq': TREE_PROOF,
  'AccessRecordProof.leafIndex': TREE_PROOF,
  'AccessRecordProof.leafHash': TREE_PROOF,
  'AccessRecordProof.inclusionPath': TREE_PROOF,
  'AccessRecordProof.head': TREE_PROOF,
  'TreeHead.size': TREE_PROOF,
  'TreeHead.rootHash': TREE_PROOF,
  'TreeHead.checkpoint': TREE_PROOF,
  'TreeHead.witnessed': TREE_PROOF,
  'TreeConsistencyProof.fromSize': TREE_PROOF,
  'TreeConsistencyProof.toSize': TREE_PROOF,
  'TreeConsistencyProof.fromHead': TREE_PROOF,
  'TreeConsistencyProof.toHead': TREE_PROOF,
  'TreeConsistencyProof.proof': TREE_PROOF,

  'AgencyContact.agency': DIRECTORY,
  'AgencyContact.unit': DIRECTORY,
  'AgencyContact.region': DIRECTORY,
  'AgencyContact.onCallPhone': DIRECTORY,
  'AgencyContact.email': DIRECTORY,

  'Indicator.code': INDICATOR,
  'Indicator.label': INDICATOR,
  'Indicator.group': INDICATOR,

  'Shelter.region': SHELTER_STOCK,
  'Shelter.capacity': SHELTER_STOCK,
  'Shelter.accepts': SHELTER_STOCK,
  'Shelter.longTerm': SHELTER_STOCK,
  'Shelter.occupancy': SHELTER_STOCK,
  'Shelter.vacancies': SHELTER_STOCK,

  'Query.caseloadStatistics': STATISTICS,
  'Query.policeStatistics': STATISTICS,
  'Query.immigrationStatistics': STATISTICS,
  'Query.assistanceStatistics': STATISTICS,
  'AssistanceStatistics.shelterCapacityByGroup': STATISTICS,
  'AssistanceStatistics.longTermCapacityByGroup': STATISTICS,
  'AssistanceStatistics.shelterOccupancyByGroup': STATISTICS,
  'CaseloadStatistics.identified': STATISTICS,
  'CaseloadStatistics.byExploitationForm': STATISTICS,
  'CaseloadStatistics.byGender': STATISTICS,
  'CaseloadStatistics.byAgeGroup': STATISTICS,
  'CaseloadStatistics.byNationality': STATISTICS,
  'CaseloadStatistics.byRegion': STATISTICS,
  'CaseloadStatistics.underSupport': STATISTICS,
  'PoliceStatistics.cooperationStarted': STATISTICS,
  'PoliceStatistics.investigationsOpened': STATISTICS,
  'PoliceStatistics.prosecutions': STATISTICS,
  'PoliceStatistics.convictions': STATISTICS,
  'PoliceStatistics.acquittals': STATISTICS,
  'Query.labourInspectionStatistics': ROOT_QUERY,
  'Mutation.recordWorkplaceInspection': ROOT_MUTATION,
  'Mutation.imposeSanction': ROOT_MUTATION,
  'Mutation.referToPolice': ROOT_MUTATION,
  'Mutation.fileBackPayClaim': ROOT_MUTATION,
  'Mutation.decideBackPayClaim': ROOT_MUTATION,
  'LabourInspectionStatistics.inspections': STATISTICS,
  'LabourInspectionStatistics.inspectionsBySector': STATISTICS,
  'LabourInspectionStatistics.workplacesInspected': STATISTICS,
  'LabourInspectionStatistics.victimsFound': STATISTICS,
  'LabourInspectionStatistics.policeReferrals': STATISTICS,
  'LabourInspectionStatistics.sanctionsByKind': STATISTICS,
  'LabourInspectionStatistics.backPayClaimsFiled': STATISTICS,
  'LabourInspectionStatistics.backPayClaimsAwarded': STATISTICS,
  'ImmigrationStatistics.reflectionPeriodsGranted': STATISTICS,
  'ImmigrationStatistics.permitsGrantedByType': STATISTICS,
  'ImmigrationStatistics.permitsRefused': STATISTICS,
  'ImmigrationStatistics.returnsCompleted': STATISTICS,
  'AssistanceStatistics.assistanceDecisions': STATISTICS,
  'AssistanceStatistics.assistanceAccepted': STATISTICS,
  'AssistanceStatistics.placementsStarted': STATISTICS,
  'AssistanceStatistics.measuresByKind': STATISTICS,
  'SuppressedCount.value': STATISTICS,
  'SuppressedCount.suppressed': STATISTICS,
  'BreakdownCell.key': STATISTICS,
  'BreakdownCell.value': STATISTICS,
  'BreakdownCell.suppressed': STATISTICS,
};
