import { registerEnumType } from 'type-graphql';
import {
  type RegistryAgency,
  type RegistryCategory,
  type RegistryEventKind,
  type RegistryPurpose,
  type RegistryRole,
  type RegistrySubgraph,
  agencyEntries,
  enumOf,
  registryAgencies,
  registryCategories,
  registryEventKinds,
  registryPurposes,
  registryRoles,
  subgraphEntries,
} from '../agencies/agency-registry';

/** The agencies whose people use the hub (the agency registry's entries). Public names: never rename a value. */
export const Agency = enumOf(registryAgencies);
export type Agency = RegistryAgency;

/** Staff roles: those of the agencies' own-records rules and their other roles (the agency registry). */
export const Role = enumOf(registryRoles);
export type Role = RegistryRole;

/** Purpose of use, sent by every caller in `x-purpose`: the agencies' mandates and the general ones. */
export const Purpose = enumOf(registryPurposes);
export type Purpose = RegistryPurpose;

/** Every field that says something about a victim carries exactly one of these (each owned by one agency). */
export const DataCategory = enumOf(registryCategories);
export type DataCategory = RegistryCategory;

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

/** Dated events that agencies contribute to a victim's support path (each kind from one agency). */
export const SupportEventKind = enumOf(registryEventKinds);
export type SupportEventKind = RegistryEventKind;

/** Alerts the coordinating unit acts on. */
export enum AlertKind {
  REFLECTION_PERIOD_ENDING = 'REFLECTION_PERIOD_ENDING',
  MINOR_WITHOUT_GUARDIAN = 'MINOR_WITHOUT_GUARDIAN',
  NO_HEALTH_ASSESSMENT = 'NO_HEALTH_ASSESSMENT',
  CONSENT_EXPIRING = 'CONSENT_EXPIRING',
  SHELTER_OVER_CAPACITY = 'SHELTER_OVER_CAPACITY',
  RIGHTS_NOT_INFORMED = 'RIGHTS_NOT_INFORMED',
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
export const agencyEventCategory = Object.fromEntries(agencyEntries.map((e) => [e.agency, e.eventCategory])) as Record<Agency, DataCategory>;

/** The agency each subgraph speaks for when it contributes support-path events. */
export const subgraphAgency = Object.fromEntries(subgraphEntries.map((e) => [e.subgraph, e.agency])) as Record<RegistrySubgraph, Agency>;
