import { agencyEntries } from '../agencies/agency-registry';
import { Agency, DataCategory, Purpose } from '../domain/enums';
import type { ConsentRecord } from './caseload-types';
import { activeUntil, type GenerationContext, type Person } from './context';
import { DAY_MS, addDays, addMonths, dateBetween, daysAfter, minDate } from './dates';
import type { SeededRandom } from './random';

/** The purpose each receiving agency needs the data for: its staff's first purpose in the agency registry. */
const purposeOf = Object.fromEntries(
  agencyEntries.filter((e) => e.handlesCases).map((e) => [e.agency, e.staff[0]?.purposes[0]]),
) as Partial<Record<Agency, Purpose>>;

/**
 * Consents to share data with other agencies: most victims give one or two; minors' consents are given
 * by their guardian (so a minor without a guardian has none). SHELTER_LOCATION and HEALTH_DETAIL are
 * named only rarely, and always explicitly. Some consents are withdrawn, some have expired, and a handful
 * expire within 30 days of `asOf` (the CONSENT_EXPIRING alert).
 */
export function generateConsents(rng: SeededRandom, ctx: GenerationContext): ConsentRecord[] {
  const consents: ConsentRecord[] = [];
  for (const person of ctx.people) {
    if (person.victim.minor && !person.guardianSince) continue;
    if (!rng.chance(person.victim.acceptedAssistance ? 0.97 : 0.75)) continue;
    const end = activeUntil(person, ctx.asOf);
    const start = person.guardianSince ?? person.identifiedAt;
    const first = consent(rng, ctx, person, dateBetween(rng, start, minDate(addDays(start, 5), end)));
    consents.push(first);
    const firstUntil = new Date(first.validUntil);
    if (rng.chance(0.07)) {
      const withdrawnAt = dateBetween(rng, addDays(new Date(first.validFrom), 1), minDate(firstUntil, end));
      if (withdrawnAt < minDate(firstUntil, end)) first.withdrawnAt = withdrawnAt.toISOString();
    }
    // A second consent: a renewal when the first ran out, or a fresh start some time after a withdrawal.
    const next = first.withdrawnAt
      ? rng.chance(0.3) ? daysAfter(rng, new Date(first.withdrawnAt), 10, 90) : null
      : firstUntil <= end && rng.chance(0.75) ? dateBetween(rng, addDays(firstUntil, -14), firstUntil) : null;
    if (next && next <= end) consents.push(consent(rng, ctx, person, next));
  }
  expireSoon(rng, ctx, consents);
  return consents;
}

function consent(rng: SeededRandom, ctx: GenerationContext, person: Person, recordedAt: Date): ConsentRecord {
  const { victim } = person;
  const recipients = new Set<Agency>();
  if (rng.chance(person.cooperationSince ? 0.85 : 0.35)) recipients.add(Agency.POLICE);
  if (rng.chance(person.eea ? 0.3 : 0.85)) recipients.add(Agency.IMMIGRATION);
  if (rng.chance(victim.acceptedAssistance ? 0.9 : 0.3)) recipients.add(Agency.SOCIAL_SERVICES);
  if (rng.chance(0.45)) recipients.add(Agency.HEALTH);
  if (victim.minor) recipients.add(Agency.CHILD_WELFARE);
  if (rng.chance(0.15)) recipients.add(Agency.NGO);
  if (recipients.size === 0) recipients.add(Agency.SOCIAL_SERVICES);
  // A victim sharing with several agencies lets the coordinating unit follow the whole path too
  // (decided without a draw, so the rest of the caseload stays as it was).
  if (recipients.size >= 2) recipients.add(Agency.COORDINATION);

  const categories = new Set<DataCategory>([DataCategory.IDENTITY, DataCategory.CASE_STATUS]);
  if (rng.chance(0.35)) categories.add(DataCategory.IDENTIFICATION);
  if (recipients.has(Agency.IMMIGRATION) && person.cooperationSince && rng.chance(0.6)) {
    categories.add(DataCategory.POLICE_CASE);
  }
  if ((recipients.has(Agency.POLICE) || recipients.has(Agency.SOCIAL_SERVICES)) && rng.chance(0.5)) {
    categories.add(DataCategory.IMMIGRATION);
  }
  if (rng.chance(0.6)) categories.add(DataCategory.SOCIAL);
  if (rng.chance(0.4)) categories.add(DataCategory.HEALTH_SUMMARY);
  if (victim.minor && rng.chance(0.8)) categories.add(DataCategory.CHILD_WELFARE);
  // The two most sensitive categories are shared only when the victim names them explicitly.
  if (rng.chance(0.03)) categories.add(DataCategory.SHELTER_LOCATION);
  if (recipients.has(Agency.HEALTH) && rng.chance(0.06)) categories.add(DataCategory.HEALTH_DETAIL);

  const purposes = new Set<Purpose>([Purpose.CASE_COORDINATION]);
  for (const agency of recipients) {
    const purpose = purposeOf[agency];
    if (purpose) purposes.add(purpose);
  }
  if (recipients.has(Agency.POLICE) && person.cooperationSince && rng.chance(0.4)) purposes.add(Purpose.PROSECUTION);

  const byGuardian = victim.minor;
  const speaksEnglishOrNorwegian = victim.languages.some((l) => l === 'en' || l === 'no');
  const oral = !byGuardian && rng.chance(speaksEnglishOrNorwegian ? 0.2 : 0.85);
  const interpreterLanguage = victim.languages.find((l) => l !== 'en' && l !== 'no') ?? (victim.languages[0] as string);
  return {
    id: ctx.ids.next('cs'),
    victimId: victim.id,
    recipients: inEnumOrder(Object.values(Agency), recipients),
    categories: inEnumOrder(Object.values(DataCategory), categories),
    purposes: inEnumOrder(Object.values(Purpose), purposes),
    validFrom: recordedAt.toISOString(),
    validUntil: addMonths(recordedAt, rng.pick([6, 12, 12, 12])).toISOString(),
    givenBy: byGuardian ? 'GUARDIAN' : 'VICTIM',
    form: oral ? 'ORAL_WITH_INTERPRETER' : 'WRITTEN',
    interpreterLanguage: oral ? interpreterLanguage : null,
    recordedBy: victim.coordinator,
    recordedAt: recordedAt.toISOString(),
    withdrawnAt: null,
  };
}

function inEnumOrder<T>(order: readonly T[], chosen: ReadonlySet<T>): T[] {
  return order.filter((value) => chosen.has(value));
}

/** Moves the expiry of a handful of current consents to within the next 30 days. */
function expireSoon(rng: SeededRandom, ctx: GenerationContext, consents: ConsentRecord[]): void {
  const asOf = ctx.asOf.getTime();
  const leaving = new Set(ctx.people.filter((p) => p.returnRequestedAt).map((p) => p.victim.id));
  const latest = new Map<string, ConsentRecord>();
  for (const c of consents) latest.set(c.victimId, c);
  const current = [...latest.values()].filter(
    (c) => !leaving.has(c.victimId) && c.withdrawnAt === null
      && Date.parse(c.validFrom) <= asOf && Date.parse(c.validUntil) > asOf + 30 * DAY_MS,
  );
  for (const c of rng.shuffle(current).slice(0, rng.int(4, 6))) {
    c.validUntil = new Date(asOf + rng.int(4, 27) * DAY_MS + rng.int(8, 16) * 3600000).toISOString();
  }
}
