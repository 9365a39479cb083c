import type { HubCaller } from '../auth/hub-caller';
import { type Agency, type DataCategory, Purpose, type Region } from '../domain/enums';
import {
  consentLimits,
  consentRoles,
  emergencyRule,
  legalRules,
  neverByConsent,
  ownRecordsReach,
  ownRecordsRules,
  roleAgencies,
  type VictimFacts,
} from './access-policy';
import type { ActiveConsent } from './consent';
import { mayActWithoutRegions } from './region-scope';

export type AccessBasis =
  | { kind: 'OWN_RECORDS' }
  | { kind: 'CONSENT'; consentId: string }
  | { kind: 'LEGAL_RULE'; rule: string }
  | { kind: 'EMERGENCY' };

/** What the policy answers (`decide`, `decideWrite`): allowed on a basis, or refused with a policy code. */
export type PolicyDecision =
  | { allow: true; basis: AccessBasis; review: boolean }
  | { allow: false; code: 'FORBIDDEN' | 'CONSENT_REQUIRED'; reason: string };

/** What a subgraph acts on for a field: the policy's answer, or a refusal because the facts could not be had. */
export type AccessDecision =
  | PolicyDecision
  /** Not a policy answer: the facts it needs could not be had (the consent registry did not answer), so nothing is shown. */
  | { allow: false; code: 'SUBGRAPH_UNAVAILABLE'; reason: string; service: string };

/** What the deciding subgraph knows of the victim a field is about; `null` for fields about no victim. */
export interface VictimContext extends VictimFacts {
  id: string;
  /** `null` when the registry does not know the victim; local staff then see nothing. */
  region: Region | null;
  consents: readonly ActiveConsent[];
}

const deny = (code: 'FORBIDDEN' | 'CONSENT_REQUIRED', reason: string): PolicyDecision => ({ allow: false, code, reason });

/**
 * The one access decision of the hub: may `caller` read `category` about `victim`, and on what basis?
 * Pure: every input is given, nothing is cached, so a withdrawn consent counts on the very next request.
 * `holder` is the agency whose records are read; it matters only for a category every agency that handles cases
 * holds of its own (`heldByEachAgency`), whose own-records rule opens that agency's records only (none: no holder).
 */
export function decide(
  caller: HubCaller,
  category: DataCategory,
  victim: VictimContext | null,
  now: Date,
  holder?: Agency | null,
): PolicyDecision {
  if (!roleAgencies[caller.role].includes(caller.agency)) {
    return deny('FORBIDDEN', `role ${caller.role} does not exist in agency ${caller.agency}`);
  }
  if (caller.purpose === Purpose.EMERGENCY) {
    if (!emergencyRule.roles.includes(caller.role)) return deny('FORBIDDEN', 'emergency access is not open to this role');
    if ((caller.justification ?? '').trim().length < emergencyRule.minimumJustificationLength) {
      return deny('FORBIDDEN', 'emergency access needs a written justification');
    }
    if (emergencyRule.closed.includes(category)) return deny('FORBIDDEN', `${category} is closed even in an emergency`);
    return { allow: true, basis: { kind: 'EMERGENCY' }, review: true };
  }
  if (caller.regions.length === 0 && !mayActWithoutRegions(caller)) {
    return deny('FORBIDDEN', `${caller.agency} ${caller.role} is local staff and the caller carries no regions`);
  }
  if (victim && caller.regions.length > 0 && (victim.region === null || !caller.regions.includes(victim.region))) {
    return deny('FORBIDDEN', 'the victim is outside the regions of the caller');
  }
  const own = ownRecordsRules.find(
    (r) =>
      r.agency === caller.agency &&
      r.roles.includes(caller.role) &&
      r.categories.includes(category) &&
      ownRecordsReach(r.agency, category, holder) &&
      r.purposes.includes(caller.purpose),
  );
  if (own) return { allow: true, basis: { kind: 'OWN_RECORDS' }, review: false };
  if (!victim) return deny('FORBIDDEN', `${category} is not among the records of ${caller.agency} for this purpose`);

  const legal = legalRules.find(
    (r) =>
      r.agency === caller.agency &&
      r.roles.includes(caller.role) &&
      r.categories.includes(category) &&
      r.purposes.includes(caller.purpose) &&
      r.applies(victim),
  );
  if (legal) return { allow: true, basis: { kind: 'LEGAL_RULE', rule: legal.id }, review: false };

  if (!consentRoles.includes(caller.role) || neverByConsent.includes(category)) {
    return deny('FORBIDDEN', `no rule lets ${caller.role} read ${category}`);
  }
  const limit = consentLimits[caller.role];
  if (limit && !limit.categories.includes(category)) {
    return deny('FORBIDDEN', `${caller.role} reads by consent only ${limit.categories.join(', ')}, when ${limit.condition}`);
  }
  const noConsent = deny('CONSENT_REQUIRED', `no active consent names ${caller.agency}, ${category} and ${caller.purpose}`);
  // A victim the limit's condition does not hold for (e.g. not referred by an NGO), a victim without consent and an
  // unknown id get the same answer: the condition is a fact about the victim the caller may not learn.
  if (limit && !limit.applies(victim)) return noConsent;
  const consent = victim.consents.find(
    (c) =>
      c.recipients.includes(caller.agency) &&
      c.categories.includes(category) &&
      c.purposes.includes(caller.purpose) &&
      new Date(c.validFrom) <= now &&
      now < new Date(c.validUntil) &&
      c.withdrawnAt === null,
  );
  if (consent) return { allow: true, basis: { kind: 'CONSENT', consentId: consent.id }, review: false };
  return noConsent;
}

export const describeBasis = (basis: AccessBasis): string => {
  switch (basis.kind) {
    case 'OWN_RECORDS':
      return 'OWN_RECORDS';
    case 'CONSENT':
      return `CONSENT:${basis.consentId}`;
    case 'LEGAL_RULE':
      return `LEGAL_RULE:${basis.rule}`;
    case 'EMERGENCY':
      return 'EMERGENCY';
    default: {
      const unreachable: never = basis;
      throw new Error(`unreachable basis ${JSON.stringify(unreachable)}`);
    }
  }
};

/**
 * May `caller` write records of `category` (held by `holder`, for a category each agency holds of its own)? Only
 * an agency's own staff, for a purpose within its mandate: consent and emergency open reading, never writing.
 */
export function decideWrite(caller: HubCaller, category: DataCategory, holder?: Agency | null): PolicyDecision {
  if (!roleAgencies[caller.role].includes(caller.agency)) {
    return deny('FORBIDDEN', `role ${caller.role} does not exist in agency ${caller.agency}`);
  }
  if (caller.regions.length === 0 && !mayActWithoutRegions(caller)) {
    return deny('FORBIDDEN', `${caller.agency} ${caller.role} is local staff and the caller carries no regions`);
  }
  const own = ownRecordsRules.find(
    (r) =>
      r.agency === caller.agency &&
      r.roles.includes(caller.role) &&
      r.categories.includes(category) &&
      ownRecordsReach(r.agency, category, holder) &&
      r.purposes.includes(caller.purpose),
  );
  if (own) return { allow: true, basis: { kind: 'OWN_RECORDS' }, review: false };
  return deny('FORBIDDEN', `${caller.role} of ${caller.agency} may not record ${category} for ${caller.purpose}`);
}
