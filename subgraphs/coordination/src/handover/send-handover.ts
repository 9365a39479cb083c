import type { EntityManager } from 'typeorm';
import {
  type DataCategory,
  type ForeignCounterpart,
  type HandoverPackage,
  type HandoverPart,
  type HandoverPurpose,
  HandoverState,
  type HubError,
  type ServiceKeys,
  conflict,
  notFound,
  signHandoverPackage,
} from '@hub/shared';
import { ConsentGrant } from '../entities/consent-grant';
import { Handover } from '../entities/handover';

/**
 * Sending a hand-over, in two steps (docs/architecture.md#cross-border-hand-over):
 *
 * 1. `readSendBasis`, outside any transaction: the hand-over must be PREPARED and its consent in force; what it
 *    answers is what the package is built from. The caller then collects the parts from the owning subgraphs over
 *    HTTP (`collectHandoverParts`) — still outside any transaction, so a slow subgraph holds no row lock and no
 *    pool connection of coordination's, and a withdrawal of the consent meanwhile proceeds at once.
 * 2. `commitIfStillValid`, in the transaction: locks the consent and the hand-over, checks again that the
 *    hand-over is still PREPARED and unchanged and that the consent is still in force — the locks keep a
 *    withdrawal from slipping in between this check and the commit — and only then signs and stores the package.
 */

/** The hand-over as its package is built from it, read before the parts are collected. */
export interface SendBasis {
  handoverId: string;
  victimId: string;
  consentId: string;
  counterpart: ForeignCounterpart;
  purpose: HandoverPurpose;
  categories: DataCategory[];
}

/** A consent still in force (valid now, not withdrawn): what sending needs besides the hand-over's state. */
export const inForce = (consent: ConsentGrant | null, now: Date): boolean =>
  consent !== null && consent.withdrawnAt === null && consent.validFrom <= now && now < consent.validUntil;

const notPrepared = (state: HandoverState): HubError => conflict(`The hand-over is ${state}: only a prepared hand-over is sent`);
const consentNotInForce = (): HubError => conflict('The consent of this hand-over is no longer in force: it cannot be sent');

const basisOf = (handover: Handover): SendBasis => ({
  handoverId: handover.id,
  victimId: handover.victimId,
  consentId: handover.consentId,
  counterpart: { kind: handover.counterpartKind, name: handover.counterpartName, country: handover.counterpartCountry },
  purpose: handover.purpose,
  categories: [...handover.categories],
});

const sameBasis = (a: SendBasis, b: SendBasis): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Step 1: the hand-over, if it may be sent now (PREPARED, its consent in force). No lock is taken. */
export async function readSendBasis(db: EntityManager, id: string, now = new Date()): Promise<SendBasis> {
  const handover = await db.findOneBy(Handover, { id });
  if (!handover) throw notFound('Handover', id);
  if (handover.state !== HandoverState.PREPARED) throw notPrepared(handover.state);
  const consent = await db.findOneBy(ConsentGrant, { id: handover.consentId });
  if (!inForce(consent, now)) throw consentNotInForce();
  return basisOf(handover);
}

/**
 * Step 2, in `tx`: the same checks again under the locks, then the package signed and the hand-over SENT. When
 * anything changed since `basis` was read — the hand-over is no longer PREPARED (withdrawn with its consent, or
 * sent by a concurrent call), it names another consent, counterpart, purpose or categories, or its consent was
 * withdrawn or has lapsed — it throws CONFLICT (the codes of step 1) having written nothing, and `parts` go
 * nowhere.
 *
 * Those parts' access records stay, and they are true: each owning subgraph wrote, before its part left, that this
 * coordinator read those fields through coordination for this hand-over (basis `CONSENT:<id>`, `HANDOVER:<id>`);
 * coordination did read them. No record says the counterpart received anything — that only the hand-over says,
 * by being SENT (with its digest and its HANDOVER_SENT milestone), which a refused send never is.
 *
 * The consent is locked before the hand-over, the order `withdrawConsent` takes them in (the consent, then its
 * prepared hand-overs), so that a send and a withdrawal wait for each other rather than deadlock.
 */
export async function commitIfStillValid(
  tx: EntityManager,
  basis: SendBasis,
  parts: HandoverPart[],
  keys: ServiceKeys,
): Promise<Handover> {
  const consent = await tx.getRepository(ConsentGrant).findOne({ where: { id: basis.consentId }, lock: { mode: 'pessimistic_read' } });
  const repo = tx.getRepository(Handover);
  const handover = await repo.findOne({ where: { id: basis.handoverId }, lock: { mode: 'pessimistic_write' } });
  if (!handover) throw notFound('Handover', basis.handoverId);
  if (handover.state !== HandoverState.PREPARED) throw notPrepared(handover.state);
  if (!sameBasis(basisOf(handover), basis)) throw conflict('The hand-over changed while its parts were collected: nothing was sent');
  const sentAt = new Date();
  if (!inForce(consent, sentAt)) throw consentNotInForce();
  const pkg: HandoverPackage = {
    type: 'support-path-hub/handover-package',
    version: 1,
    handoverId: basis.handoverId,
    victimId: basis.victimId,
    consentId: basis.consentId,
    counterpart: basis.counterpart,
    purpose: basis.purpose,
    categories: basis.categories,
    issuedAt: sentAt.toISOString(),
    parts,
  };
  const { jws, digest } = await signHandoverPackage(keys, pkg);
  Object.assign(handover, {
    state: HandoverState.SENT,
    sentAt,
    digest,
    signedPackageJws: jws,
    withheldFields: parts.flatMap((p) => p.withheld.map((w) => w.field)),
  });
  await repo.save(handover);
  return handover;
}
