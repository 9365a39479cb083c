import { agencyEntries, caseAgencyCategories, heldCategories } from '../agencies/agency-registry';
import { Agency, DataCategory, Purpose, Role } from '../domain/enums';

/**
 * The hub's access policy, as data. `decide()` reads only this table; `docs/access-policy.md` is generated
 * from it and the policy matrix test is derived from it. Default deny: what no rule allows is refused.
 */

/** Which agencies each role exists in (the agency registry). A token whose role does not belong to its agency is refused. */
export const roleAgencies = Object.fromEntries(
  Object.values(Role).map((role) => [
    role,
    agencyEntries.filter((e) => e.staff.some((s) => s.roles.includes(role)) || (e.otherRoles ?? []).includes(role)).map((e) => e.agency),
  ]),
) as unknown as Record<Role, readonly Agency[]>;

/** An agency reads its own categories, for a purpose within its mandate. */
export interface OwnRecordsRule {
  agency: Agency;
  roles: readonly Role[];
  categories: readonly DataCategory[];
  purposes: readonly Purpose[];
}

/**
 * One rule per staff entry of the agency registry: its staff read and write the categories it holds — those it
 * owns, and (an agency that handles cases) the agency kit's categories, of its own records only.
 */
export const ownRecordsRules: readonly OwnRecordsRule[] = agencyEntries.flatMap((e) =>
  e.staff.map((s) => ({
    agency: e.agency as Agency,
    roles: s.roles as readonly Role[],
    categories: heldCategories(e) as DataCategory[],
    purposes: s.purposes as readonly Purpose[],
  })),
);

/**
 * Categories every agency that handles cases holds of its own (rights information): an agency's own-records rule
 * opens only the records that agency holds, never another agency's records of the same category — nor a value
 * derived from every agency's records (the holder is then none).
 */
export const heldByEachAgency: readonly DataCategory[] = caseAgencyCategories.map((c) => c.name as DataCategory);

/** Does an own-records rule of `agency` reach `category` held by `holder`? */
export const ownRecordsReach = (agency: Agency, category: DataCategory, holder: Agency | null | undefined): boolean =>
  !heldByEachAgency.includes(category) || holder === agency;

/** Facts about a victim that legal rules depend on; the coordination subgraph supplies them. */
export interface VictimFacts {
  minor: boolean;
  /** The police run an investigation in which this person is the victim. */
  policeInvestigation: boolean;
  /** An NGO referred the victim (was the identifying agency). */
  referredByNgo: boolean;
}

/** A rule given by law rather than by consent, with the condition on the victim it needs. */
export interface LegalRule {
  id: string;
  description: string;
  agency: Agency;
  roles: readonly Role[];
  categories: readonly DataCategory[];
  purposes: readonly Purpose[];
  applies: (victim: VictimFacts) => boolean;
  condition: string;
}

export const legalRules: readonly LegalRule[] = [
  {
    id: 'CHILD_WELFARE_MINORS',
    description: "Child welfare services see identity and case status of minors (Child Welfare Act, duty to protect).",
    agency: Agency.CHILD_WELFARE,
    roles: [Role.CASEWORKER],
    categories: [DataCategory.IDENTITY, DataCategory.CASE_STATUS],
    purposes: [Purpose.CHILD_PROTECTION],
    applies: (victim) => victim.minor,
    condition: 'the victim is a minor',
  },
  {
    id: 'POLICE_OWN_INVESTIGATION',
    description: 'The police see the identity of the victim in an investigation they run (Police Databases Act).',
    agency: Agency.POLICE,
    roles: [Role.INVESTIGATOR, Role.PROSECUTOR],
    categories: [DataCategory.IDENTITY],
    purposes: [Purpose.INVESTIGATION, Purpose.PROSECUTION],
    applies: (victim) => victim.policeInvestigation,
    condition: 'the police run an investigation with this victim',
  },
  {
    id: 'DATA_SUBJECT_ACCESS',
    description:
      "The coordinating unit answers a victim's request to know who accessed their data (GDPR Art. 15): " +
      'Victim.accessHistory gives dates, purposes and receiving agencies, never staff names. ' +
      'The access log itself (accessLog, emergencyReviewQueue) is open to audit staff only.',
    agency: Agency.COORDINATION,
    roles: [Role.COORDINATOR],
    categories: [DataCategory.ACCESS_LOG],
    purposes: [Purpose.CASE_COORDINATION],
    applies: () => true,
    condition: 'always (the victim is entitled to it)',
  },
];

/**
 * Consents name categories one by one; there is no "all categories" consent. So SHELTER_LOCATION and
 * HEALTH_DETAIL are shared only by a consent that names them.
 */

/** Roles of the agencies that handle cases (the agency registry's `handlesCases`). */
const caseRoles = [
  ...new Set(agencyEntries.filter((e) => e.handlesCases).flatMap((e) => e.staff.flatMap((s) => s.roles))),
] as Role[];

/** Who may be a consent's recipient, and read by consent (everyone who handles cases, and NGO workers). */
export const consentRoles: readonly Role[] = [...caseRoles, Role.NGO_WORKER];

/** Roles whose reading by consent is narrower than everyone else's, and on what condition. */
export interface ConsentLimit {
  categories: readonly DataCategory[];
  applies: (victim: VictimFacts) => boolean;
  condition: string;
}

export const consentLimits: Partial<Record<Role, ConsentLimit>> = {
  [Role.NGO_WORKER]: {
    categories: [DataCategory.IDENTITY, DataCategory.CASE_STATUS],
    applies: (victim) => victim.referredByNgo,
    condition: 'the victim was referred by an NGO',
  },
};

/** Categories no consent can open: the access log is read by audit staff only. */
export const neverByConsent: readonly DataCategory[] = [DataCategory.ACCESS_LOG];

/** Emergency ("break-glass"): with a written justification, every category but these; flagged for review. */
export const emergencyRule = {
  roles: caseRoles as readonly Role[],
  closed: [DataCategory.HEALTH_DETAIL, DataCategory.ACCESS_LOG] as readonly DataCategory[],
  minimumJustificationLength: 20,
};

/** Who may read the aggregate statistics (no personal data), and for which purposes. */
export const statisticsRule = {
  roles: [Role.ANALYST, Role.COORDINATOR] as readonly Role[],
  purposes: [Purpose.STATISTICS] as readonly Purpose[],
};
