import type { HubCaller } from '../auth/hub-caller';
import { Agency, type DataCategory, Role } from '../domain/enums';
import { neverByConsent } from '../policy/access-policy';
import type { ActiveConsent } from '../policy/consent';
import type { PolicyDecision, VictimContext } from '../policy/decide';
import { mayActWithoutRegions } from '../policy/region-scope';
import { type ForeignCounterpart, type HandoverPurpose, sameCounterpart } from './handover-types';

/** What a hand-over asks of the owning subgraph: for whom, and why. */
export interface HandoverRequest {
  counterpart: ForeignCounterpart;
  purpose: HandoverPurpose;
}

/** Who prepares and sends hand-overs: the coordinating unit's coordinators. */
export const mayHandOver = (caller: Pick<HubCaller, 'agency' | 'role'>): boolean =>
  caller.agency === Agency.COORDINATION && caller.role === Role.COORDINATOR;

/**
 * The victim's consent, active at `now`, that names the counterpart, the purpose and `category` (any category when
 * none is given); the most recently recorded when several do.
 */
export function handoverConsent(
  consents: readonly ActiveConsent[],
  request: HandoverRequest,
  category: DataCategory | null,
  now: Date,
): ActiveConsent | undefined {
  return [...consents].reverse().find(
    (c) =>
      c.counterpart != null &&
      sameCounterpart(c.counterpart, request.counterpart) &&
      c.handoverPurpose === request.purpose &&
      (category === null || c.categories.includes(category)) &&
      new Date(c.validFrom) <= now &&
      now < new Date(c.validUntil) &&
      c.withdrawnAt === null,
  );
}

/**
 * May `category` about `victim` go into a hand-over to `request.counterpart`? The hand-over's counterpart of
 * `decide()` (docs/architecture.md#cross-border-hand-over), asked by the subgraph that owns the category: only a
 * coordinator asks, inside their regions; only a consent that names the counterpart, the purpose and the category,
 * valid now and not withdrawn, opens it; nothing opens a category no consent can. Pure, like `decide()`.
 */
export function decideHandover(
  caller: HubCaller,
  category: DataCategory,
  victim: VictimContext | null,
  request: HandoverRequest,
  now: Date,
): PolicyDecision {
  if (!mayHandOver(caller)) return { allow: false, code: 'FORBIDDEN', reason: 'only a coordinator hands data over abroad' };
  if (caller.regions.length === 0 && !mayActWithoutRegions(caller)) {
    return { allow: false, code: 'FORBIDDEN', reason: 'the caller is local staff and carries no regions' };
  }
  if (victim && caller.regions.length > 0 && (victim.region === null || !caller.regions.includes(victim.region))) {
    return { allow: false, code: 'FORBIDDEN', reason: 'the victim is outside the regions of the caller' };
  }
  if (neverByConsent.includes(category)) return { allow: false, code: 'FORBIDDEN', reason: `no consent hands ${category} over` };
  const consent = victim ? handoverConsent(victim.consents, request, category, now) : undefined;
  if (!consent) {
    return { allow: false, code: 'CONSENT_REQUIRED', reason: `no active consent names this counterpart, ${category} and ${request.purpose}` };
  }
  return { allow: true, basis: { kind: 'CONSENT', consentId: consent.id }, review: false };
}
