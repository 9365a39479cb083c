import { Right, rightsInformedSummary } from '../agency-kit/rights/rights';
import { Agency, Role, SupportEventKind } from '../domain/enums';
import type { RightsInformationDemoRecord, SupportEventRecord } from './caseload-types';
import type { GenerationContext } from './context';
import type { IdFactory } from './ids';
import type { SeededRandom } from './random';

const DAY = 24 * 60 * 60 * 1000;

/** What every victim is told first; the others when they apply (a permit, a trial, a return). */
const firstRights = [Right.REFLECTION_AND_RECOVERY_PERIOD, Right.ASSISTANCE_AND_SHELTER, Right.HEALTH_CARE, Right.FREE_LEGAL_AID, Right.INTERPRETER];
const otherRights = [Right.COMPENSATION, Right.RESIDENCE_PERMIT, Right.WITNESS_PROTECTION, Right.VOLUNTARY_RETURN, Right.COMPLAINT];

interface Informer {
  agency: Agency;
  role: Role;
  prefix: string;
}

/** Who informs, how often, and the staff ids they go by (`<prefix>-<region>-<n>`). */
const informers: readonly (readonly [Informer, number])[] = [
  [{ agency: Agency.COORDINATION, role: Role.COORDINATOR, prefix: 'coord' }, 6],
  [{ agency: Agency.SOCIAL_SERVICES, role: Role.CASEWORKER, prefix: 'sw' }, 2],
  [{ agency: Agency.POLICE, role: Role.INVESTIGATOR, prefix: 'inv' }, 1],
  [{ agency: Agency.IMMIGRATION, role: Role.CASEWORKER, prefix: 'udi' }, 1],
];

/**
 * Rights information in the demo: most victims are informed within days of being identified, some later than
 * the guideline's two weeks, some not yet (so that the support path's RIGHTS_NOT_INFORMED alert has cases);
 * one in four is informed again by a second agency. Drawn from its own random stream and ids, after everything
 * else, so that every other record of the demo is unchanged. Returns the records and their support-path events.
 */
export function generateRightsInformation(
  rng: SeededRandom,
  ctx: GenerationContext,
  ids: IdFactory,
): { records: RightsInformationDemoRecord[]; events: SupportEventRecord[] } {
  const records: RightsInformationDemoRecord[] = [];
  const asOf = ctx.asOf.getTime();
  for (const person of ctx.people) {
    const { victim } = person;
    if (!rng.chance(0.8)) continue;
    const times = rng.chance(0.25) ? 2 : 1;
    let at = person.identifiedAt.getTime() + (rng.chance(0.8) ? rng.int(0, 7) : rng.int(8, 30)) * DAY;
    for (let n = 0; n < times; n++, at += rng.int(10, 60) * DAY) {
      const informer = rng.weighted(informers);
      if (at > asOf) break;
      const language = victim.languages.find((l) => l !== 'no' && l !== 'en') ?? victim.languages[0] ?? 'en';
      records.push({
        id: ids.next('ri'),
        victimId: victim.id,
        agency: informer.agency,
        rights: [...firstRights, ...otherRights.filter(() => rng.chance(0.4))],
        language,
        interpreter: language !== 'no' && language !== 'en' && rng.chance(0.85),
        informedBy: `${informer.prefix}-${victim.region.toLowerCase()}-${rng.int(1, 2)}`,
        informedByRole: informer.role,
        informedAt: new Date(at).toISOString(),
      });
    }
  }
  const events = records.map((r) => ({
    id: ids.next('ev'),
    victimId: r.victimId,
    agency: r.agency,
    kind: SupportEventKind.RIGHTS_INFORMED,
    at: r.informedAt,
    summary: rightsInformedSummary(r.rights.length, r.language, r.interpreter),
    dueAt: null,
  }));
  return { records, events };
}
