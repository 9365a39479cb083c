import { type ActiveConsent, Agency, DataCategory as C, Purpose as P } from '@hub/shared';

/**
 * The consents the hand-written oracle (oracle-cases.ts) names, by id. Each is written out in full so that a
 * reader can check every expected answer against it without running anything; validity periods are relative to
 * the instant the cases are decided at.
 */

const day = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

type Period = 'active' | 'expired' | 'withdrawn' | 'future' | 'endsNow' | 'startsNow';
type Content = Pick<ActiveConsent, 'recipients' | 'categories' | 'purposes'>;

function period(kind: Period, now: number): Pick<ActiveConsent, 'validFrom' | 'validUntil' | 'withdrawnAt'> {
  switch (kind) {
    case 'active':
      return { validFrom: iso(now - 100 * day), validUntil: iso(now + 100 * day), withdrawnAt: null };
    case 'expired':
      return { validFrom: iso(now - 300 * day), validUntil: iso(now - 10 * day), withdrawnAt: null };
    case 'withdrawn':
      return { validFrom: iso(now - 100 * day), validUntil: iso(now + 100 * day), withdrawnAt: iso(now - 1 * day) };
    case 'future':
      return { validFrom: iso(now + 10 * day), validUntil: iso(now + 100 * day), withdrawnAt: null };
    // Valid "from validFrom, until before validUntil": the instant validUntil is already outside.
    case 'endsNow':
      return { validFrom: iso(now - 100 * day), validUntil: iso(now), withdrawnAt: null };
    case 'startsNow':
      return { validFrom: iso(now), validUntil: iso(now + 100 * day), withdrawnAt: null };
    default: {
      const unreachable: never = kind;
      throw new Error(`unreachable period ${String(unreachable)}`);
    }
  }
}

const police: Content = {
  recipients: [Agency.POLICE],
  categories: [C.IDENTITY, C.CASE_STATUS, C.IMMIGRATION],
  purposes: [P.INVESTIGATION],
};

const consents: Record<string, [Content, Period]> = {
  /** The police may see identity, case status and immigration facts for an investigation. */
  'c-police': [police, 'active'],
  'c-police-2': [police, 'active'],
  'c-police-expired': [police, 'expired'],
  'c-police-withdrawn': [police, 'withdrawn'],
  'c-police-future': [police, 'future'],
  'c-police-ends-now': [police, 'endsNow'],
  'c-police-starts-now': [police, 'startsNow'],
  /** The same content, given to immigration instead of the police. */
  'c-immigration': [{ ...police, recipients: [Agency.IMMIGRATION] }, 'active'],
  /** Social services may see identity and social facts for social assistance. */
  'c-social': [{ recipients: [Agency.SOCIAL_SERVICES], categories: [C.IDENTITY, C.SOCIAL], purposes: [P.SOCIAL_ASSISTANCE] }, 'active'],
  'c-social-withdrawn': [
    { recipients: [Agency.SOCIAL_SERVICES], categories: [C.IDENTITY, C.SOCIAL], purposes: [P.SOCIAL_ASSISTANCE] },
    'withdrawn',
  ],
  /** The coordinating unit may see everything but the two most sensitive categories (and the access log). */
  'c-coord-broad': [
    {
      recipients: [Agency.COORDINATION],
      categories: [C.POLICE_CASE, C.IMMIGRATION, C.SOCIAL, C.HEALTH_SUMMARY, C.CHILD_WELFARE],
      purposes: [P.CASE_COORDINATION],
    },
    'active',
  ],
  /** The coordinating unit may see the safe house and the health details: named explicitly. */
  'c-coord-sensitive': [
    { recipients: [Agency.COORDINATION], categories: [C.SHELTER_LOCATION, C.HEALTH_DETAIL], purposes: [P.CASE_COORDINATION] },
    'active',
  ],
  /** Health may see identity, social facts and the safe house, for care. */
  'c-health': [{ recipients: [Agency.HEALTH], categories: [C.IDENTITY, C.SOCIAL, C.SHELTER_LOCATION], purposes: [P.CARE] }, 'active'],
  /** The police may see health facts and the safe house, for an investigation or a prosecution. */
  'c-police-sensitive': [
    {
      recipients: [Agency.POLICE],
      categories: [C.HEALTH_SUMMARY, C.HEALTH_DETAIL, C.SHELTER_LOCATION],
      purposes: [P.INVESTIGATION, P.PROSECUTION],
    },
    'active',
  ],
  /** The NGO may see identity, case status and social facts, for social assistance. */
  'c-ngo': [{ recipients: [Agency.NGO], categories: [C.IDENTITY, C.CASE_STATUS, C.SOCIAL], purposes: [P.SOCIAL_ASSISTANCE] }, 'active'],
  /** The labour inspection may see identity, and the police the labour case: a referral of forced labour. */
  'c-labour': [
    {
      recipients: [Agency.LABOUR_INSPECTION, Agency.POLICE],
      categories: [C.IDENTITY, C.LABOUR_CASE],
      purposes: [P.LABOUR_INSPECTION, P.INVESTIGATION],
    },
    'active',
  ],
  /** A consent that names the coordinating unit for statistics (analysts still never read by consent). */
  'c-statistics': [{ recipients: [Agency.COORDINATION], categories: [C.IDENTITY, C.CASE_STATUS], purposes: [P.STATISTICS] }, 'active'],
  /** A consent naming the audit agency (the consent mutation refuses one; the policy must refuse it too). */
  'c-audit': [{ recipients: [Agency.AUDIT], categories: [C.IDENTITY, C.CASE_STATUS], purposes: [P.AUDIT] }, 'active'],
  /** Several recipients, categories and purposes in one consent. */
  'c-multi': [
    {
      recipients: [Agency.POLICE, Agency.IMMIGRATION, Agency.CHILD_WELFARE],
      categories: [C.IDENTITY, C.CASE_STATUS, C.CONSENT],
      purposes: [P.INVESTIGATION, P.PERMIT_PROCESSING, P.CHILD_PROTECTION],
    },
    'active',
  ],
};

export const consentIds = Object.keys(consents);

/** The consent `id` as a victim holds it, valid relative to `now`. */
export function oracleConsent(id: string, now: number): ActiveConsent {
  const entry = consents[id];
  if (!entry) throw new Error(`the oracle names no consent ${id}`);
  const [content, kind] = entry;
  return { id, ...content, ...period(kind, now) };
}

/** Consents whose answer depends on the exact instant: only decide() with a fixed clock can check them. */
export const instantSensitive = new Set(['c-police-ends-now', 'c-police-starts-now']);
