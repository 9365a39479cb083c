import { registerEnumType } from 'type-graphql';

/** The agencies whose people use the hub. Public names: never rename a value. */
export enum Agency {
  COORDINATION = 'COORDINATION',
  POLICE = 'POLICE',
  IMMIGRATION = 'IMMIGRATION',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
  HEALTH = 'HEALTH',
  CHILD_WELFARE = 'CHILD_WELFARE',
  NGO = 'NGO',
  AUDIT = 'AUDIT',
}

export enum Role {
  COORDINATOR = 'COORDINATOR',
  CASEWORKER = 'CASEWORKER',
  INVESTIGATOR = 'INVESTIGATOR',
  PROSECUTOR = 'PROSECUTOR',
  CLINICIAN = 'CLINICIAN',
  ANALYST = 'ANALYST',
  AUDITOR = 'AUDITOR',
  NGO_WORKER = 'NGO_WORKER',
}

/** Purpose of use, sent by every caller in `x-purpose`. */
export enum Purpose {
  CASE_COORDINATION = 'CASE_COORDINATION',
  INVESTIGATION = 'INVESTIGATION',
  PROSECUTION = 'PROSECUTION',
  PERMIT_PROCESSING = 'PERMIT_PROCESSING',
  SOCIAL_ASSISTANCE = 'SOCIAL_ASSISTANCE',
  CARE = 'CARE',
  CHILD_PROTECTION = 'CHILD_PROTECTION',
  STATISTICS = 'STATISTICS',
  AUDIT = 'AUDIT',
  EMERGENCY = 'EMERGENCY',
}

/** Every field that says something about a victim carries exactly one of these. */
export enum DataCategory {
  IDENTITY = 'IDENTITY',
  CASE_STATUS = 'CASE_STATUS',
  IDENTIFICATION = 'IDENTIFICATION',
  CONSENT = 'CONSENT',
  POLICE_CASE = 'POLICE_CASE',
  IMMIGRATION = 'IMMIGRATION',
  SOCIAL = 'SOCIAL',
  SHELTER_LOCATION = 'SHELTER_LOCATION',
  HEALTH_SUMMARY = 'HEALTH_SUMMARY',
  HEALTH_DETAIL = 'HEALTH_DETAIL',
  CHILD_WELFARE = 'CHILD_WELFARE',
  ACCESS_LOG = 'ACCESS_LOG',
}

/** Regions of the local coordinating units; local staff are limited to their own. */
export enum Region {
  OSLO = 'OSLO',
  EAST = 'EAST',
  SOUTH = 'SOUTH',
  WEST = 'WEST',
  MID = 'MID',
  NORTH = 'NORTH',
}

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}

export enum ExploitationForm {
  SEXUAL_EXPLOITATION = 'SEXUAL_EXPLOITATION',
  FORCED_LABOUR = 'FORCED_LABOUR',
  BEGGING = 'BEGGING',
  FORCED_CRIMINAL_ACTIVITY = 'FORCED_CRIMINAL_ACTIVITY',
  DOMESTIC_SERVITUDE = 'DOMESTIC_SERVITUDE',
  OTHER = 'OTHER',
}

/** Where a victim stands on the support path. */
export enum Stage {
  IDENTIFIED = 'IDENTIFIED',
  REFLECTION_PERIOD = 'REFLECTION_PERIOD',
  TEMPORARY_RESIDENCE = 'TEMPORARY_RESIDENCE',
  PERMANENT_RESIDENCE = 'PERMANENT_RESIDENCE',
  RETURNED = 'RETURNED',
}

/** Dated events that agencies contribute to a victim's support path. */
export enum SupportEventKind {
  IDENTIFIED = 'IDENTIFIED',
  CONSENT_GIVEN = 'CONSENT_GIVEN',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  REPORT_FILED = 'REPORT_FILED',
  INVESTIGATION_OPENED = 'INVESTIGATION_OPENED',
  COOPERATION_STARTED = 'COOPERATION_STARTED',
  CHARGES_FILED = 'CHARGES_FILED',
  VERDICT = 'VERDICT',
  TESTIMONY_GIVEN = 'TESTIMONY_GIVEN',
  REFLECTION_PERIOD_GRANTED = 'REFLECTION_PERIOD_GRANTED',
  TEMPORARY_PERMIT_GRANTED = 'TEMPORARY_PERMIT_GRANTED',
  PERMIT_REFUSED = 'PERMIT_REFUSED',
  PERMANENT_PERMIT_GRANTED = 'PERMANENT_PERMIT_GRANTED',
  RETURN_COMPLETED = 'RETURN_COMPLETED',
  SHELTER_PLACEMENT = 'SHELTER_PLACEMENT',
  SHELTER_OVER_CAPACITY = 'SHELTER_OVER_CAPACITY',
  ASSISTANCE_ACCEPTED = 'ASSISTANCE_ACCEPTED',
  ASSISTANCE_DECLINED = 'ASSISTANCE_DECLINED',
  LONG_TERM_ACCOMMODATION = 'LONG_TERM_ACCOMMODATION',
  HEALTH_ASSESSMENT = 'HEALTH_ASSESSMENT',
  GUARDIAN_APPOINTED = 'GUARDIAN_APPOINTED',
  CHILD_WELFARE_MEASURE = 'CHILD_WELFARE_MEASURE',
}

/** Alerts the coordinating unit acts on. */
export enum AlertKind {
  REFLECTION_PERIOD_ENDING = 'REFLECTION_PERIOD_ENDING',
  MINOR_WITHOUT_GUARDIAN = 'MINOR_WITHOUT_GUARDIAN',
  NO_HEALTH_ASSESSMENT = 'NO_HEALTH_ASSESSMENT',
  CONSENT_EXPIRING = 'CONSENT_EXPIRING',
  SHELTER_OVER_CAPACITY = 'SHELTER_OVER_CAPACITY',
}

const descriptions: Record<string, string> = {
  Agency: 'An agency whose staff use the hub.',
  Role: "A staff member's role within their agency.",
  Purpose: 'Purpose of use; every request states one in the x-purpose header.',
  DataCategory: 'Data category of a personal field; decides who may read it.',
  Region: 'Region of a local coordinating unit.',
  Gender: 'Gender as recorded by the identifying agency.',
  ExploitationForm: 'Form of exploitation, as national reports break it down.',
  Stage: "Where a victim stands on the support path.",
  SupportEventKind: 'Kind of a dated event on the support path.',
  AlertKind: 'An alert the coordinating unit acts on.',
};

const enums = {
  Agency, Role, Purpose, DataCategory, Region, Gender, ExploitationForm, Stage, SupportEventKind, AlertKind,
};

let registered = false;
/** Registers the hub's enums with type-graphql (its metadata is global, so once per process). */
export function registerHubEnums(): void {
  if (registered) return;
  registered = true;
  for (const [name, values] of Object.entries(enums)) {
    registerEnumType(values, { name, description: descriptions[name] });
  }
}
registerHubEnums();

/** The category under which each agency's support-path events are shown ("not shared" when refused). */
export const agencyEventCategory: Record<Agency, DataCategory> = {
  [Agency.COORDINATION]: DataCategory.CASE_STATUS,
  [Agency.POLICE]: DataCategory.POLICE_CASE,
  [Agency.IMMIGRATION]: DataCategory.IMMIGRATION,
  [Agency.SOCIAL_SERVICES]: DataCategory.SOCIAL,
  [Agency.HEALTH]: DataCategory.HEALTH_SUMMARY,
  [Agency.CHILD_WELFARE]: DataCategory.CHILD_WELFARE,
  [Agency.NGO]: DataCategory.CASE_STATUS,
  [Agency.AUDIT]: DataCategory.ACCESS_LOG,
};

/** The agency each subgraph speaks for when it contributes support-path events. */
export const subgraphAgency = {
  coordination: Agency.COORDINATION,
  police: Agency.POLICE,
  immigration: Agency.IMMIGRATION,
  'social-services': Agency.SOCIAL_SERVICES,
  health: Agency.HEALTH,
  'child-welfare': Agency.CHILD_WELFARE,
  audit: Agency.AUDIT,
} as const;
