import { badInput } from '@hub/shared';
import { ConsentGiver } from '../entities/consent-grant';
import type { GuardianRegistry } from './child-welfare-guardians';

/**
 * How long after it was given a consent may still be recorded: a consent taken on paper at a safe house on a
 * Friday is recorded on Monday, not a season later. A consent also takes effect no earlier than it was given,
 * so this bounds back-dating of `validFrom` too (docs/architecture.md#consent).
 */
export const CONSENT_BACKDATING_LIMIT_DAYS = 7;
const DAY_MS = 86_400_000;

export interface ConsentToRecord {
  victimId: string;
  givenBy: ConsentGiver;
  /** When the victim or guardian gave it; omitted: when it takes effect, or now if that is later. */
  givenAt?: Date | null;
  validFrom: Date;
}

export interface ConsentRuleFacts {
  /** From the registry; `null` if the registry does not know the victim. */
  minor: boolean | null;
  recordedAt: Date;
  guardians: GuardianRegistry;
}

/**
 * The rules on who gave a consent and when, checked before a consent is recorded (issue 8, point 10). Returns
 * when the consent was given. Throws BAD_USER_INPUT for a consent the rules refuse, SUBGRAPH_UNAVAILABLE when
 * child welfare cannot say whether a minor has a guardian (fail closed). The consent mutation calls this and
 * nothing else for these rules.
 */
export async function checkConsentRules(consent: ConsentToRecord, facts: ConsentRuleFacts): Promise<Date> {
  const { recordedAt } = facts;
  if (facts.minor && consent.givenBy !== ConsentGiver.GUARDIAN) throw badInput('givenBy', "A minor's consent is given by the guardian");
  if (!facts.minor && consent.givenBy !== ConsentGiver.VICTIM) throw badInput('givenBy', 'An adult gives consent themselves');

  const givenAt = consent.givenAt ?? new Date(Math.min(consent.validFrom.getTime(), recordedAt.getTime()));
  if (Number.isNaN(givenAt.getTime())) throw badInput('givenAt', 'givenAt is not a valid date');
  if (givenAt > recordedAt) throw badInput('givenAt', 'A consent cannot be given after it is recorded');
  if (recordedAt.getTime() - givenAt.getTime() > CONSENT_BACKDATING_LIMIT_DAYS * DAY_MS) {
    throw badInput(
      consent.givenAt ? 'givenAt' : 'validFrom',
      `A consent is recorded at most ${CONSENT_BACKDATING_LIMIT_DAYS} days after it was given`,
    );
  }
  if (consent.validFrom < givenAt) throw badInput('validFrom', 'A consent takes effect no earlier than it was given');

  // Asked last: only a consent that is otherwise acceptable costs child welfare a look-up.
  if (consent.givenBy === ConsentGiver.GUARDIAN && !(await facts.guardians.hasAppointedGuardian(consent.victimId))) {
    throw badInput('givenBy', 'Child welfare has no appointed guardian for this minor: appoint one before recording their consent');
  }
  return givenAt;
}
