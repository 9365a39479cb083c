import type {
  Agency,
  DataCategory,
  ExploitationForm,
  Gender,
  Purpose,
  Region,
  Role,
  Stage,
  SupportEventKind,
} from '../domain/enums';
import type { Right } from '../agency-kit/rights/rights';

/**
 * The demo caseload: one consistent national picture, split by owning agency.
 * Every date is an ISO 8601 string (UTC); dates are relative to the generator's `asOf`.
 */
export interface Caseload {
  asOf: string;
  coordination: CoordinationRecords;
  police: PoliceRecords;
  immigration: ImmigrationRecords;
  socialServices: SocialServicesRecords;
  health: HealthRecords;
  childWelfare: ChildWelfareRecords;
  labourInspection: LabourInspectionRecords;
  /** The agency kit's rights information, each record held by the agency that informed the victim. */
  rightsInformation: RightsInformationDemoRecord[];
}

export interface VictimRecord {
  /** Pseudonymous id, e.g. `v-7f3a9c21`: never a name or national id number. */
  id: string;
  alias: string;
  birthYear: number;
  gender: Gender;
  nationalities: string[]; // ISO 3166-1 alpha-2
  languages: string[]; // ISO 639-1
  minor: boolean;
  region: Region;
  exploitationForms: ExploitationForm[];
  stage: Stage;
  coordinator: string; // staff id of the assigned coordinator, e.g. `coord-oslo-1`
  identifiedAt: string;
  identifyingAgency: Agency;
  /** Codes from the national indicator list (`nationalIndicators`) found present. */
  indicatorsPresent: string[];
  acceptedAssistance: boolean;
}

export interface ConsentRecord {
  id: string;
  victimId: string;
  recipients: Agency[];
  categories: DataCategory[];
  purposes: Purpose[];
  validFrom: string;
  validUntil: string;
  givenBy: 'VICTIM' | 'GUARDIAN';
  form: 'WRITTEN' | 'ORAL_WITH_INTERPRETER';
  interpreterLanguage: string | null;
  recordedBy: string;
  recordedAt: string;
  withdrawnAt: string | null;
}

export interface SupportEventRecord {
  id: string;
  victimId: string;
  agency: Agency;
  kind: SupportEventKind;
  at: string;
  summary: string; // coarse, never a location or a clinical detail
  dueAt: string | null; // for events that start a deadline (reflection period end, permit expiry)
}

export interface ProblemReportRecord {
  id: string;
  victimId: string | null;
  reportedByAgency: Agency;
  reporter: string; // organisation name, e.g. an NGO or a local unit
  region: Region;
  topic: 'ACCOMMODATION' | 'INTERPRETER' | 'HEALTH_ACCESS' | 'SAFETY' | 'COOPERATION' | 'OTHER';
  description: string;
  reportedAt: string;
  resolvedAt: string | null;
}

export interface CoordinationRecords {
  victims: VictimRecord[];
  consents: ConsentRecord[];
  /** Milestones every agency contributed; coordination keeps them as the support path. */
  supportEvents: SupportEventRecord[];
  problemReports: ProblemReportRecord[];
}

export interface InvestigationRecord {
  id: string;
  victimId: string;
  caseNumber: string; // e.g. `2025-OSL-004211`
  district: string;
  offences: string[]; // e.g. `TRAFFICKING_257` (Norwegian Penal Code s. 257), `PIMPING_315`
  status: 'REPORTED' | 'UNDER_INVESTIGATION' | 'CHARGED' | 'PROSECUTED' | 'CONVICTED' | 'ACQUITTED' | 'DROPPED';
  reportedAt: string;
  openedAt: string;
  chargedAt: string | null;
  verdictAt: string | null;
  closedAt: string | null;
}

export interface PoliceRecords {
  investigations: InvestigationRecord[];
  /** Victims who cooperate with the police, with the date cooperation began. */
  cooperation: { victimId: string; since: string }[];
  testimonies: { id: string; victimId: string; investigationId: string; court: string; givenAt: string }[];
}

export interface ImmigrationRecords {
  reflectionPeriods: { id: string; victimId: string; grantedAt: string; endsAt: string }[];
  permits: {
    id: string;
    victimId: string;
    type: 'TEMPORARY_RESIDENCE' | 'PERMANENT_RESIDENCE';
    appliedAt: string;
    decision: 'PENDING' | 'GRANTED' | 'REFUSED';
    decidedAt: string | null;
    validFrom: string | null;
    validUntil: string | null; // null for a permanent permit
  }[];
  returns: { id: string; victimId: string; requestedAt: string; completedAt: string | null; destinationCountry: string }[];
}

export interface ShelterRecord {
  id: string;
  name: string;
  address: string;
  region: Region;
  capacity: number;
  accepts: ('WOMEN' | 'MEN' | 'MINORS')[];
  longTerm: boolean;
}

export interface SocialServicesRecords {
  shelters: ShelterRecord[];
  placements: { id: string; victimId: string; shelterId: string; from: string; until: string | null }[];
  measures: {
    id: string;
    victimId: string;
    kind: 'FINANCIAL_SUPPORT' | 'INTERPRETER' | 'LEGAL_AID' | 'LANGUAGE_COURSE' | 'WORK_TRAINING';
    startedAt: string;
    endedAt: string | null;
  }[];
  /** Whether each identified victim accepted assistance when offered. */
  assistanceDecisions: { victimId: string; accepted: boolean; decidedAt: string }[];
}

export interface HealthRecords {
  summaries: {
    victimId: string;
    hasGp: boolean;
    assessmentDone: boolean;
    followUpNeeded: boolean;
    lastContactAt: string | null;
  }[];
  assessments: {
    id: string;
    victimId: string;
    assessedAt: string;
    clinician: string;
    findings: string[]; // e.g. `PTSD_SYMPTOMS`, `UNTREATED_INJURY`, `STI`, `MALNUTRITION`
    notes: string;
  }[];
}

export interface ChildWelfareRecords {
  guardians: { id: string; victimId: string; guardianName: string; appointedAt: string; endedAt: string | null }[];
  measures: {
    id: string;
    victimId: string;
    kind: 'EMERGENCY_PLACEMENT' | 'FOSTER_CARE' | 'INSTITUTION' | 'SUPPORT_CONTACT' | 'AFTERCARE';
    decidedAt: string;
    endedAt: string | null;
  }[];
}

/** The labour inspection authority's records (only for victims of forced labour). */
export interface LabourInspectionRecords {
  inspections: {
    id: string;
    victimId: string;
    employer: string;
    organisationNumber: string; // 9 digits
    sector: string; // `Sector` of the labour-inspection subgraph, e.g. CONSTRUCTION
    municipality: string;
    inspectedAt: string;
    indicatorsFound: string[]; // ILO forced-labour indicators, e.g. WITHHOLDING_OF_WAGES
  }[];
  sanctions: {
    id: string;
    victimId: string;
    inspectionId: string;
    kind: 'ORDER' | 'COERCIVE_FINE' | 'INFRINGEMENT_FINE' | 'SUSPENSION_OF_OPERATIONS';
    amountNok: number | null;
    imposedAt: string;
  }[];
  referrals: { id: string; victimId: string; inspectionId: string; policeDistrict: string; referredAt: string }[];
  claims: {
    id: string;
    victimId: string;
    inspectionId: string;
    kind: 'BACK_PAY' | 'COMPENSATION';
    claimedNok: number;
    filedAt: string;
    status: 'FILED' | 'AWARDED' | 'REJECTED';
    decidedAt: string | null;
    awardedNok: number | null;
  }[];
}

export interface RightsInformationDemoRecord {
  id: string;
  victimId: string;
  agency: Agency;
  rights: Right[];
  language: string; // ISO 639-1
  interpreter: boolean;
  informedBy: string;
  informedByRole: Role;
  informedAt: string;
}
