/**
 * The agencies in the cooperation, listed once. Everything that depends on which agencies exist reads this
 * list: the enums (`Agency`, `Role`, `Purpose`, `DataCategory`, `SupportEventKind`), the services and their
 * ports (shared/src/config/services.ts, the port plan), the access policy's own-records rules, national staff
 * and the category of each agency's support-path events, coordination's accepted event kinds, the support
 * path's agencies and the agency directory, the console's configuration (/console/config.json), the generated
 * docs and the tests. Adding an agency subgraph is adding one entry here (see README, "Adding a subgraph").
 *
 * Plain strings, not enums: the enums are derived from this list (shared/src/domain/enums.ts).
 */

/** Staff of an agency who read and write its own categories, for the purposes of its mandate. */
export interface AgencyStaff {
  readonly roles: readonly string[];
  readonly purposes: readonly string[];
}

export interface AgencyContactEntry {
  readonly unit: string;
  /** A region's name, or null for a national unit. */
  readonly region: string | null;
  readonly onCallPhone: string;
  readonly email: string;
}

export interface AgencyEntry {
  /** The agency's name in tokens and records (`Agency`). Public: never rename. */
  readonly agency: string;
  /** The subgraph that holds its records (folder `subgraphs/<name>`, service name), or null when it has none. */
  readonly subgraph: string | null;
  /** Port offset from the gateway's port (default 4000 + offset; `HUB_PORT_BASE` + offset). 8 is the witness's. */
  readonly portOffset: number | null;
  /** Data categories whose records this agency owns (`DataCategory`), with what each holds (policy docs). */
  readonly categories: readonly { readonly name: string; readonly description: string }[];
  /** The category under which its support-path events are shown ("not shared" when refused). */
  readonly eventCategory: string;
  /** Kinds of support-path events it contributes (`SupportEventKind`); coordination accepts only these from it. */
  readonly eventKinds: readonly string[];
  /** Own-records rules: who reads (and writes) its categories, for which purposes. */
  readonly staff: readonly AgencyStaff[];
  /** Roles of the agency beyond its staff (e.g. analysts, who read statistics only). */
  readonly otherRoles?: readonly string[];
  /** Roles that may act without a regions limit (national by configuration); the others are local staff. */
  readonly nationalRoles: readonly string[];
  /** Do its staff handle cases (recipients of consents, emergency access)? */
  readonly handlesCases: boolean;
  /** Does its subgraph answer statistics (the same small-cell rules as every statistics view)? */
  readonly statistics: boolean;
  /** Mutations its staff offer in the console's support path (the console's writer actions). */
  readonly consoleActions: readonly string[];
  /** The agency's 24-hour on-call contacts (coordination's agency directory). */
  readonly directory: readonly AgencyContactEntry[];
}

export const agencyRegistry = [
  {
    agency: 'COORDINATION',
    subgraph: 'coordination',
    portOffset: 1,
    categories: [
      { name: 'IDENTITY', description: 'Who the victim is: name, date of birth, nationality, gender.' },
      { name: 'CASE_STATUS', description: 'Where the victim stands on the support path, and the support-path events of coordination.' },
      { name: 'IDENTIFICATION', description: 'How and by whom the victim was identified, and the indicators found.' },
      { name: 'CONSENT', description: "The victim's consents: to whom, which categories, until when." },
    ],
    eventCategory: 'CASE_STATUS',
    eventKinds: ['IDENTIFIED', 'CONSENT_GIVEN', 'CONSENT_WITHDRAWN', 'HANDOVER_PREPARED', 'HANDOVER_SENT', 'HANDOVER_RECEIVED', 'HANDOVER_WITHDRAWN'],
    staff: [{ roles: ['COORDINATOR', 'CASEWORKER'], purposes: ['CASE_COORDINATION'] }],
    otherRoles: ['ANALYST'],
    nationalRoles: ['COORDINATOR', 'ANALYST'],
    handlesCases: true,
    statistics: true,
    consoleActions: ['grantConsent', 'withdrawConsent', 'assignCoordinator'],
    directory: [
      { unit: 'National coordinating unit (KOM)', region: null, onCallPhone: '+47 23 00 00 10', email: 'kom@coordination.hub.example' },
    ],
  },
  {
    agency: 'POLICE',
    subgraph: 'police',
    portOffset: 2,
    categories: [{ name: 'POLICE_CASE', description: 'Reports, investigations, charges, verdicts and testimony.' }],
    eventCategory: 'POLICE_CASE',
    eventKinds: ['REPORT_FILED', 'INVESTIGATION_OPENED', 'COOPERATION_STARTED', 'CHARGES_FILED', 'VERDICT', 'TESTIMONY_GIVEN'],
    staff: [
      { roles: ['INVESTIGATOR'], purposes: ['INVESTIGATION'] },
      { roles: ['PROSECUTOR'], purposes: ['PROSECUTION'] },
    ],
    nationalRoles: ['INVESTIGATOR', 'PROSECUTOR'],
    handlesCases: true,
    statistics: true,
    consoleActions: ['openInvestigation', 'recordCooperation'],
    directory: [
      { unit: 'National criminal investigation service, trafficking section', region: null, onCallPhone: '+47 23 00 00 20', email: 'trafficking@police.hub.example' },
      { unit: 'Oslo police district, trafficking group', region: 'OSLO', onCallPhone: '+47 23 00 00 21', email: 'oslo@police.hub.example' },
    ],
  },
  {
    agency: 'IMMIGRATION',
    subgraph: 'immigration',
    portOffset: 3,
    categories: [{ name: 'IMMIGRATION', description: 'Reflection periods, residence permits, refusals and returns.' }],
    eventCategory: 'IMMIGRATION',
    eventKinds: ['REFLECTION_PERIOD_GRANTED', 'TEMPORARY_PERMIT_GRANTED', 'PERMIT_REFUSED', 'PERMANENT_PERMIT_GRANTED', 'RETURN_COMPLETED'],
    staff: [{ roles: ['CASEWORKER'], purposes: ['PERMIT_PROCESSING'] }],
    nationalRoles: ['CASEWORKER'],
    handlesCases: true,
    statistics: true,
    consoleActions: ['grantReflectionPeriod', 'applyForPermit'],
    directory: [
      { unit: 'Directorate of immigration, protection unit', region: null, onCallPhone: '+47 23 00 00 30', email: 'vakt@immigration.hub.example' },
    ],
  },
  {
    agency: 'SOCIAL_SERVICES',
    subgraph: 'social-services',
    portOffset: 4,
    categories: [
      { name: 'SOCIAL', description: 'Assistance offered, accepted or declined, and long-term accommodation.' },
      { name: 'SHELTER_LOCATION', description: 'Which shelter a victim stays in (shared only by a consent that names it).' },
    ],
    eventCategory: 'SOCIAL',
    eventKinds: ['SHELTER_PLACEMENT', 'SHELTER_OVER_CAPACITY', 'ASSISTANCE_ACCEPTED', 'ASSISTANCE_DECLINED', 'LONG_TERM_ACCOMMODATION'],
    staff: [{ roles: ['CASEWORKER'], purposes: ['SOCIAL_ASSISTANCE'] }],
    nationalRoles: ['CASEWORKER'],
    handlesCases: true,
    statistics: true,
    consoleActions: ['placeInShelter', 'recordAssistanceDecision'],
    directory: [
      { unit: 'Safe-house placement desk', region: null, onCallPhone: '+47 23 00 00 40', email: 'placement@social.hub.example' },
    ],
  },
  {
    agency: 'HEALTH',
    subgraph: 'health',
    portOffset: 5,
    categories: [
      { name: 'HEALTH_SUMMARY', description: 'That a health assessment was made, when, and whether follow-up is needed.' },
      { name: 'HEALTH_DETAIL', description: 'Clinical findings (shared only by a consent that names it; never in an emergency).' },
    ],
    eventCategory: 'HEALTH_SUMMARY',
    eventKinds: ['HEALTH_ASSESSMENT'],
    staff: [{ roles: ['CLINICIAN'], purposes: ['CARE'] }],
    nationalRoles: ['CLINICIAN'],
    handlesCases: true,
    statistics: true,
    consoleActions: ['recordHealthAssessment'],
    directory: [
      { unit: 'Emergency outpatient clinic, trafficking contact', region: 'OSLO', onCallPhone: '+47 23 00 00 50', email: 'legevakt@health.hub.example' },
    ],
  },
  {
    agency: 'CHILD_WELFARE',
    subgraph: 'child-welfare',
    portOffset: 6,
    categories: [{ name: 'CHILD_WELFARE', description: 'Guardianships and child welfare measures for minors.' }],
    eventCategory: 'CHILD_WELFARE',
    eventKinds: ['GUARDIAN_APPOINTED', 'CHILD_WELFARE_MEASURE'],
    staff: [{ roles: ['CASEWORKER'], purposes: ['CHILD_PROTECTION'] }],
    nationalRoles: ['CASEWORKER'],
    handlesCases: true,
    statistics: false,
    consoleActions: ['appointGuardian'],
    directory: [
      { unit: 'Child welfare on-call service', region: null, onCallPhone: '+47 23 00 00 60', email: 'barnevernvakt@childwelfare.hub.example' },
    ],
  },
  {
    agency: 'NGO',
    subgraph: null,
    portOffset: null,
    categories: [],
    eventCategory: 'CASE_STATUS',
    eventKinds: [],
    staff: [],
    otherRoles: ['NGO_WORKER'],
    nationalRoles: ['NGO_WORKER'],
    handlesCases: false,
    statistics: false,
    consoleActions: [],
    directory: [
      { unit: 'NGO reference group hotline', region: null, onCallPhone: '+47 23 00 00 70', email: 'reference-group@ngo.hub.example' },
    ],
  },
  {
    agency: 'AUDIT',
    subgraph: 'audit',
    portOffset: 7,
    categories: [{ name: 'ACCESS_LOG', description: 'Who read or wrote what, when, for which purpose (audit staff only).' }],
    eventCategory: 'ACCESS_LOG',
    eventKinds: [],
    staff: [{ roles: ['AUDITOR'], purposes: ['AUDIT'] }],
    nationalRoles: ['AUDITOR'],
    handlesCases: false,
    statistics: false,
    consoleActions: [],
    directory: [],
  },
  {
    agency: 'LABOUR_INSPECTION',
    subgraph: 'labour-inspection',
    portOffset: 9,
    categories: [
      {
        name: 'LABOUR_CASE',
        description:
          'Workplace inspections with the labour-exploitation indicators found, employer and sector, sanctions, ' +
          'referrals to the police, and back-pay and compensation claims for the victim.',
      },
    ],
    eventCategory: 'LABOUR_CASE',
    eventKinds: ['WORKPLACE_INSPECTED', 'REFERRED_TO_POLICE', 'BACK_PAY_CLAIMED', 'BACK_PAY_DECIDED'],
    staff: [{ roles: ['INSPECTOR'], purposes: ['LABOUR_INSPECTION'] }],
    nationalRoles: ['INSPECTOR'],
    handlesCases: true,
    statistics: true,
    consoleActions: ['recordWorkplaceInspection', 'referToPolice', 'fileBackPayClaim'],
    directory: [
      { unit: 'Labour Inspection Authority, labour-market crime unit', region: null, onCallPhone: '+47 23 00 00 80', email: 'a-krim@labour.hub.example' },
    ],
  },
] as const satisfies readonly AgencyEntry[];

/** Purposes that belong to no one agency's mandate. */
export const generalPurposes = ['STATISTICS', 'EMERGENCY'] as const;

/**
 * Records the agency kit gives every agency that handles cases (`handlesCases`), each in that agency's own
 * database: a category each of them holds for its own records, and the support-path event kind of such a record.
 * Its own staff read and write their agency's records of it; another agency's records are another agency's
 * (consent, emergency). The national guideline on informing victims of their rights (shared/src/agency-kit/rights).
 */
export const caseAgencyCategories = [
  {
    name: 'RIGHTS_INFORMATION',
    description: "That the victim was informed of their rights: which, in which language, with an interpreter or not, by whom, when (each agency's own records).",
  },
] as const satisfies AgencyEntry['categories'];
export const caseAgencyEventKinds = ['RIGHTS_INFORMED'] as const;

type Entry = (typeof agencyRegistry)[number];
export type RegistryAgency = Entry['agency'];
export type RegistrySubgraph = NonNullable<Entry['subgraph']>;
export type RegistryCategory = Entry['categories'][number]['name'] | (typeof caseAgencyCategories)[number]['name'];
export type RegistryEventKind = Entry['eventKinds'][number] | (typeof caseAgencyEventKinds)[number];
export type RegistryRole = Entry['staff'][number]['roles'][number] | NonNullable<Extract<Entry, { otherRoles: unknown }>['otherRoles']>[number];
export type RegistryPurpose = Entry['staff'][number]['purposes'][number] | (typeof generalPurposes)[number];

/**
 * The entries as the general interface (for code that walks every entry): an agency that handles cases
 * contributes the kit's event kinds too (its categories stay those it alone owns; see `heldCategories`).
 */
export const agencyEntries: readonly AgencyEntry[] = agencyRegistry.map((e: AgencyEntry) =>
  e.handlesCases ? { ...e, eventKinds: [...e.eventKinds, ...caseAgencyEventKinds] } : e,
);

/** The categories whose records an agency holds: those it alone owns, and the kit's when it handles cases. */
export const heldCategories = (e: AgencyEntry): readonly string[] => [
  ...e.categories.map((c) => c.name),
  ...(e.handlesCases ? caseAgencyCategories.map((c) => c.name) : []),
];

/** Does the agency kit give this agency's subgraph its case records (rights information)? */
export const keepsCaseAgencyRecords = (agency: string): boolean => agencyEntry(agency).handlesCases;

/** Agencies that have a subgraph, with its name and port offset. */
export const subgraphEntries = agencyEntries.filter(
  (e): e is AgencyEntry & { subgraph: string; portOffset: number } => e.subgraph !== null && e.portOffset !== null,
);

/** The entry of an agency. */
export const agencyEntry = (agency: string): AgencyEntry => {
  const found = agencyEntries.find((e) => e.agency === agency);
  if (!found) throw new Error(`agency ${agency} is not in the agency registry`);
  return found;
};

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Values in registry order, each once: the order of the derived enums. */
export const registryAgencies = agencyEntries.map((e) => e.agency) as RegistryAgency[];
export const registryCategories = unique([
  ...agencyEntries.flatMap((e) => e.categories.map((c) => c.name)),
  ...caseAgencyCategories.map((c) => c.name),
]) as RegistryCategory[];
export const registryEventKinds = unique(agencyEntries.flatMap((e) => e.eventKinds)) as RegistryEventKind[];
export const registryRoles = unique(agencyEntries.flatMap((e) => [...e.staff.flatMap((s) => s.roles), ...(e.otherRoles ?? [])])) as RegistryRole[];
export const registryPurposes = unique([
  ...agencyEntries.flatMap((e) => e.staff.flatMap((s) => s.purposes)),
  ...generalPurposes,
]) as RegistryPurpose[];

/** `{ POLICE: 'POLICE', … }`: an object of string literals, used as an enum (type-graphql registers it). */
export const enumOf = <T extends string>(values: readonly T[]): { readonly [K in T]: K } =>
  Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T]: K };

/** The registry's own rules, checked when it is loaded: a mistake in an entry stops every service at start. */
function checkRegistry(entries: readonly AgencyEntry[]): void {
  const once = (what: string, values: readonly (string | number)[]): void => {
    const seen = new Set<string | number>();
    for (const v of values) {
      if (seen.has(v)) throw new Error(`agency registry: ${what} ${v} is listed twice`);
      seen.add(v);
    }
  };
  once('agency', entries.map((e) => e.agency));
  once('subgraph', subgraphEntries.map((e) => e.subgraph));
  once('port offset', [...subgraphEntries.map((e) => e.portOffset), WITNESS_PORT_OFFSET]);
  once('category', [...entries.flatMap((e) => e.categories.map((c) => c.name)), ...caseAgencyCategories.map((c) => c.name)]);
  once('support-event kind', [...agencyRegistry.flatMap((e: AgencyEntry) => e.eventKinds), ...caseAgencyEventKinds]);
  for (const e of entries) {
    const roles = new Set([...e.staff.flatMap((s) => s.roles), ...(e.otherRoles ?? [])]);
    const stray = e.nationalRoles.filter((r) => !roles.has(r));
    if (stray.length > 0) throw new Error(`agency registry: ${e.agency} has national roles ${stray.join(', ')} that it does not have`);
    if (e.portOffset !== null && (!Number.isInteger(e.portOffset) || e.portOffset < 1)) {
      throw new Error(`agency registry: ${e.agency} has port offset ${e.portOffset}, not a whole number from 1`);
    }
  }
}

/** The witness's port offset (default port 4008): no subgraph may take it. */
export const WITNESS_PORT_OFFSET = 8;

checkRegistry(agencyEntries);
