import { Agency, Purpose, Role, agencyEntries, rightsInformationMutation } from '@hub/shared';
import type { Identity } from '../support/client';

const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();

/**
 * One case per agency mutation: who writes it and a valid call about a victim, or about a record of a victim
 * (then `madeBy` names the case whose answer `{ id }` is such a record, and `variables` takes the record's id).
 * `npm test` fails when a mutation of the supergraph has no case here (see agency-mutations.test.ts).
 */
export interface MutationCase {
  name: string;
  writer: Identity & { purpose: Purpose };
  /** The agency database the mutation writes, for the fail-closed check. */
  database: string;
  document: string;
  /** For a mutation about a record: the case that makes one (its document selects the record's `id`). */
  madeBy?: string;
  /** The mutation is about minors only (child welfare): an adult is answered as an unknown victim. */
  minorsOnly?: true;
  variables: (victimOrRecordId: string, fixtures?: KitFixtures) => Record<string, unknown>;
  /** What a case that makes a record needs recorded first about the victim (as `[writer, document, variables]`). */
  needs?: (victimId: string) => [Identity & { purpose: Purpose }, string, Record<string, unknown>];
}

/** Records of the demo caseload that a case needs to succeed (the default names none that exists). */
export interface KitFixtures {
  /** A safe house with room for the victim. */
  shelterId: string;
}

const police = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
const immigration = { agency: Agency.IMMIGRATION, role: Role.CASEWORKER, purpose: Purpose.PERMIT_PROCESSING };
const social = { agency: Agency.SOCIAL_SERVICES, role: Role.CASEWORKER, purpose: Purpose.SOCIAL_ASSISTANCE };
const health = { agency: Agency.HEALTH, role: Role.CLINICIAN, purpose: Purpose.CARE };
const childWelfare = { agency: Agency.CHILD_WELFARE, role: Role.CASEWORKER, purpose: Purpose.CHILD_PROTECTION };
const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const inspector = { agency: Agency.LABOUR_INSPECTION, role: Role.INSPECTOR, purpose: Purpose.LABOUR_INSPECTION };

const kitCounterpart = { kind: 'HOME_COUNTRY_CARE_PROVIDER', name: 'Kit reintegration centre', country: 'NG' };

const caseNumber = (): string => `2025-KIT-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
/** A record id in an agency's format that no record has. */
export const unknownRecord = (prefix: string): string => `${prefix}-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;

/** Mutations that name a victim or one of its records. */
export const mutationCases: MutationCase[] = [
  { name: 'openInvestigation', writer: police, database: 'police', document: 'mutation ($input: OpenInvestigationInput!) { openInvestigation(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, caseNumber: caseNumber(), district: 'Kit district', offences: ['TRAFFICKING_257'], reportedAt: hoursAgo(24) } }) },
  { name: 'updateInvestigationStatus', writer: police, database: 'police', document: 'mutation ($id: ID!) { updateInvestigationStatus(id: $id, status: CHARGED) { id } }',
    madeBy: 'openInvestigation', variables: (id) => ({ id }) },
  { name: 'recordCooperation', writer: police, database: 'police', document: 'mutation ($v: ID!, $s: DateTimeISO!) { recordCooperation(victimId: $v, since: $s) }',
    variables: (victimId) => ({ v: victimId, s: hoursAgo(2) }) },
  { name: 'recordTestimony', writer: police, database: 'police', document: 'mutation ($input: RecordTestimonyInput!) { recordTestimony(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, investigationId: unknownRecord('inv'), court: 'Kit tingrett', givenAt: hoursAgo(3) } }) },
  { name: 'applyForPermit', writer: immigration, database: 'immigration', document: 'mutation ($v: ID!) { applyForPermit(victimId: $v, type: TEMPORARY_RESIDENCE) { id } }',
    variables: (victimId) => ({ v: victimId }) },
  { name: 'decidePermit', writer: immigration, database: 'immigration', document: 'mutation ($input: DecidePermitInput!) { decidePermit(input: $input) { id } }',
    madeBy: 'applyForPermit', variables: (permitId) => ({ input: { permitId, decision: 'REFUSED' } }) },
  { name: 'grantReflectionPeriod', writer: immigration, database: 'immigration', document: 'mutation ($v: ID!, $s: DateTimeISO!) { grantReflectionPeriod(victimId: $v, startsAt: $s) { id } }',
    variables: (victimId) => ({ v: victimId, s: hoursAgo(5) }) },
  { name: 'requestVoluntaryReturn', writer: immigration, database: 'immigration', document: 'mutation ($v: ID!, $r: DateTimeISO!) { requestVoluntaryReturn(victimId: $v, destinationCountry: "NG", requestedAt: $r) { id } }',
    variables: (victimId) => ({ v: victimId, r: hoursAgo(5) }) },
  { name: 'completeVoluntaryReturn', writer: immigration, database: 'immigration', document: 'mutation ($r: ID!, $d: DateTimeISO!) { completeVoluntaryReturn(returnId: $r, completedAt: $d) { id } }',
    madeBy: 'requestVoluntaryReturn', variables: (r) => ({ r, d: hoursAgo(1) }) },
  { name: 'recordAssistanceDecision', writer: social, database: 'social_services', document: 'mutation ($v: ID!) { recordAssistanceDecision(victimId: $v, accepted: true) }',
    variables: (victimId) => ({ v: victimId }) },
  { name: 'startAssistanceMeasure', writer: social, database: 'social_services', document: 'mutation ($v: ID!, $s: DateTimeISO!) { startAssistanceMeasure(victimId: $v, kind: FINANCIAL_SUPPORT, startedAt: $s) { id } }',
    variables: (victimId) => ({ v: victimId, s: hoursAgo(4) }) },
  { name: 'endAssistanceMeasure', writer: social, database: 'social_services', document: 'mutation ($m: ID!, $e: DateTimeISO!) { endAssistanceMeasure(measureId: $m, endedAt: $e) { id } }',
    madeBy: 'startAssistanceMeasure', variables: (m) => ({ m, e: hoursAgo(1) }) },
  { name: 'placeInShelter', writer: social, database: 'social_services', document: 'mutation ($v: ID!, $s: ID!, $f: DateTimeISO!) { placeInShelter(victimId: $v, shelterId: $s, from: $f) { id } }',
    variables: (victimId, fixtures) => ({ v: victimId, s: fixtures?.shelterId ?? 'sh-kit-none', f: hoursAgo(6) }) },
  { name: 'endPlacement', writer: social, database: 'social_services', document: 'mutation ($p: ID!, $u: DateTimeISO!) { endPlacement(placementId: $p, until: $u) { id } }',
    madeBy: 'placeInShelter', variables: (p) => ({ p, u: hoursAgo(1) }) },
  { name: 'recordHealthAssessment', writer: health, database: 'health', document: 'mutation ($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, assessedAt: hoursAgo(7), findings: [], notes: 'Kit notes, no names.', followUpNeeded: false } }) },
  { name: 'updateHealthSummary', writer: health, database: 'health', document: 'mutation ($input: UpdateHealthSummaryInput!) { updateHealthSummary(input: $input) { hasGp } }',
    variables: (victimId) => ({ input: { victimId, hasGp: true } }) },
  { name: 'decideChildWelfareMeasure', writer: childWelfare, database: 'child_welfare', document: 'mutation ($v: ID!, $d: DateTimeISO!) { decideChildWelfareMeasure(victimId: $v, kind: FOSTER_CARE, decidedAt: $d) { id } }',
    minorsOnly: true, variables: (victimId) => ({ v: victimId, d: hoursAgo(8) }) },
  { name: 'endChildWelfareMeasure', writer: childWelfare, database: 'child_welfare', document: 'mutation ($m: ID!, $e: DateTimeISO!) { endChildWelfareMeasure(measureId: $m, endedAt: $e) { id } }',
    madeBy: 'decideChildWelfareMeasure', variables: (m) => ({ m, e: hoursAgo(1) }) },
  { name: 'appointGuardian', writer: childWelfare, database: 'child_welfare', document: 'mutation ($v: ID!, $a: DateTimeISO!) { appointGuardian(victimId: $v, guardianName: "Kit Guardian", appointedAt: $a) { id } }',
    minorsOnly: true, variables: (victimId) => ({ v: victimId, a: hoursAgo(9) }) },
  { name: 'endGuardianship', writer: childWelfare, database: 'child_welfare', document: 'mutation ($g: ID!, $e: DateTimeISO!) { endGuardianship(guardianId: $g, endedAt: $e) { id } }',
    madeBy: 'appointGuardian', variables: (g) => ({ g, e: hoursAgo(1) }) },
  { name: 'recordWorkplaceInspection', writer: inspector, database: 'labour_inspection',
    document: 'mutation ($input: RecordWorkplaceInspectionInput!) { recordWorkplaceInspection(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, employer: 'Kit Bygg AS', organisationNumber: '987654321', sector: 'CONSTRUCTION', municipality: 'Kitby',
      inspectedAt: hoursAgo(30), indicatorsFound: ['WITHHOLDING_OF_WAGES', 'DEBT_BONDAGE'] } }) },
  { name: 'imposeSanction', writer: inspector, database: 'labour_inspection', document: 'mutation ($input: ImposeSanctionInput!) { imposeSanction(input: $input) { id } }',
    madeBy: 'recordWorkplaceInspection', variables: (inspectionId) => ({ input: { inspectionId, kind: 'COERCIVE_FINE', amountNok: 50_000, imposedAt: hoursAgo(2) } }) },
  { name: 'referToPolice', writer: inspector, database: 'labour_inspection', document: 'mutation ($input: ReferToPoliceInput!) { referToPolice(input: $input) { id } }',
    madeBy: 'recordWorkplaceInspection', variables: (inspectionId) => ({ input: { inspectionId, policeDistrict: 'Kit district', referredAt: hoursAgo(2) } }) },
  { name: 'fileBackPayClaim', writer: inspector, database: 'labour_inspection', document: 'mutation ($input: FileBackPayClaimInput!) { fileBackPayClaim(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, kind: 'BACK_PAY', claimedNok: 120_000, filedAt: hoursAgo(3) } }) },
  { name: 'decideBackPayClaim', writer: inspector, database: 'labour_inspection', document: 'mutation ($input: DecideBackPayClaimInput!) { decideBackPayClaim(input: $input) { id } }',
    madeBy: 'fileBackPayClaim', variables: (claimId) => ({ input: { claimId, decision: 'AWARDED', awardedNok: 100_000 } }) },
  { name: 'grantConsent', writer: coordinator, database: 'coordination', document: 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, recipients: ['POLICE'], categories: ['CASE_STATUS'], purposes: ['INVESTIGATION'], validFrom: hoursAgo(1),
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN' } }) },
  { name: 'withdrawConsent', writer: coordinator, database: 'coordination', document: 'mutation ($id: ID!) { withdrawConsent(id: $id) { id } }',
    madeBy: 'grantConsent', variables: (id) => ({ id }) },
  { name: 'assignCoordinator', writer: coordinator, database: 'coordination', document: 'mutation ($v: ID!) { assignCoordinator(victimId: $v, coordinator: "kit-coordinator") { id } }',
    variables: (victimId) => ({ v: victimId }) },
  { name: 'reportProblem', writer: coordinator, database: 'coordination', document: 'mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, region: 'NORTH', topic: 'OTHER', reporter: 'Kit unit', description: 'A problem the kit test reports.' } }) },
  { name: 'resolveProblemReport', writer: coordinator, database: 'coordination', document: 'mutation ($id: ID!) { resolveProblemReport(id: $id) { id } }',
    madeBy: 'reportProblem', variables: (id) => ({ id }) },
  { name: 'prepareHandover', writer: coordinator, database: 'coordination',
    document: 'mutation ($v: ID!, $c: ForeignCounterpartInput!) { prepareHandover(victimId: $v, counterpart: $c, purpose: VOLUNTARY_RETURN) { id } }',
    variables: (victimId) => ({ v: victimId, c: kitCounterpart }),
    needs: (victimId) => [coordinator, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
      input: { victimId, categories: ['IDENTITY'], counterpart: kitCounterpart, handoverPurpose: 'VOLUNTARY_RETURN', validFrom: hoursAgo(1),
        validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN' } }] },
  { name: 'sendHandover', writer: coordinator, database: 'coordination', document: 'mutation ($id: ID!) { sendHandover(id: $id) { id } }',
    madeBy: 'prepareHandover', variables: (id) => ({ id }) },
  { name: 'acknowledgeHandover', writer: coordinator, database: 'coordination',
    document: 'mutation ($id: ID!) { acknowledgeHandover(id: $id, receipt: { reference: "KIT-1", digest: "sha256:0" }) { id } }',
    madeBy: 'prepareHandover', variables: (id) => ({ id }) },
];

/**
 * The agency kit's rights information: one mutation per agency that handles cases (the registry), written by the
 * agency's first staff entry, into its own database. Derived, so that a new agency's subgraph is checked too.
 */
export const rightsInformationCases: MutationCase[] = agencyEntries
  .filter((e) => e.handlesCases && e.subgraph)
  .map((e) => {
    const name = rightsInformationMutation(e.agency as Agency);
    return {
      name,
      writer: { agency: e.agency as Agency, role: e.staff[0]!.roles[0] as Role, purpose: e.staff[0]!.purposes[0] as Purpose },
      database: e.subgraph!.replace(/-/g, '_'),
      document: `mutation ($input: RecordRightsInformationInput!) { ${name}(input: $input) { id } }`,
      variables: (victimId: string) => ({
        input: { victimId, rights: ['REFLECTION_AND_RECOVERY_PERIOD', 'FREE_LEGAL_AID'], language: 'ro', interpreter: true, informedAt: hoursAgo(2) },
      }),
    };
  });
mutationCases.push(...rightsInformationCases);

/** Mutations that name no victim of an agency's: a new identification, a shelter's capacity, the audit review. */
export const mutationsAboutNoVictim = ['identifyVictim', 'setShelterCapacity', 'reviewEmergencyAccess'];
