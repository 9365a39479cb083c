import type { ShelterRecord, SocialServicesRecords } from './caseload-types';
import { activeUntil, type GenerationContext, type Person } from './context';
import { HOUR_MS, addDays, dateBetween, daysAfter, maxDate, minDate } from './dates';
import type { SeededRandom } from './random';
import { createShelters, isPlacedAt, occupancyAt, overCapacitySince, shelterAccepts } from './shelters';

type Placement = SocialServicesRecords['placements'][number];
type Measure = SocialServicesRecords['measures'][number];

interface PlacementRequest {
  person: Person;
  from: Date;
  until: Date | null;
  longTerm: boolean;
}

export interface SocialServicesResult {
  records: SocialServicesRecords;
  /** The shelter deliberately over capacity at `asOf`, and since when. */
  overCapacity: { shelter: ShelterRecord; since: Date } | null;
}

/**
 * Assistance decisions (agreeing with each victim's `acceptedAssistance`), shelter placements that never
 * exceed a shelter's capacity (except the one house deliberately over capacity at `asOf`), and measures.
 */
export function generateSocialServicesRecords(rng: SeededRandom, ctx: GenerationContext): SocialServicesResult {
  const shelters = createShelters(ctx.ids);
  const assistanceDecisions = ctx.people.map((person) => {
    person.assistanceDecidedAt = dateBetween(rng, person.identifiedAt, minDate(addDays(person.identifiedAt, 7), ctx.asOf));
    return {
      victimId: person.victim.id,
      accepted: person.victim.acceptedAssistance,
      decidedAt: person.assistanceDecidedAt.toISOString(),
    };
  });
  const placements = allocate(rng, ctx, shelters, placementRequests(rng, ctx));
  const overCapacity = overfill(rng, ctx, shelters, placements);
  return {
    records: { shelters, placements, measures: measures(rng, ctx), assistanceDecisions },
    overCapacity,
  };
}

/** A crisis stay after accepting assistance, for some followed by long-term accommodation. */
function placementRequests(rng: SeededRandom, ctx: GenerationContext): PlacementRequest[] {
  const requests: PlacementRequest[] = [];
  for (const person of ctx.people) {
    if (!person.victim.acceptedAssistance || !rng.chance(0.85)) continue;
    const end = activeUntil(person, ctx.asOf);
    const from = dateBetween(rng, person.assistanceDecidedAt, minDate(addDays(person.assistanceDecidedAt, 3), end));
    const stayDays = rng.weighted([[[20, 60], 35], [[61, 120], 35], [[121, 240], 30]] as const);
    const crisisEnd = daysAfter(rng, from, stayDays[0], stayDays[1]);
    const until = person.leftAt && person.leftAt < crisisEnd ? person.leftAt : crisisEnd;
    if (until <= from) continue;
    requests.push({ person, from, until: until > ctx.asOf ? null : until, longTerm: false });
    const staying = !person.returnRequestedAt && (person.cooperationSince !== null || !person.eea);
    if (until <= ctx.asOf && staying && !person.victim.minor && rng.chance(0.35)) {
      const longTermEnd = daysAfter(rng, until, 120, 420);
      requests.push({ person, from: until, until: longTermEnd > ctx.asOf ? null : longTermEnd, longTerm: true });
    }
  }
  return requests;
}

/**
 * Places requests in order of arrival into a shelter that takes the person and has a free bed, in the
 * person's own region if possible. Because requests arrive in order, a free bed at `from` means the
 * shelter stays within capacity for the whole stay. Whoever finds no bed is not placed (as happens,
 * above all for men).
 */
function allocate(
  rng: SeededRandom, ctx: GenerationContext, shelters: ShelterRecord[], requests: PlacementRequest[],
): Placement[] {
  const placements: Placement[] = [];
  const ordered = [...requests].sort((a, b) => a.from.getTime() - b.from.getTime());
  for (const req of ordered) {
    const free = shelters.filter(
      (s) => s.longTerm === req.longTerm && shelterAccepts(s, req.person.victim)
        && occupancyAt(placements, s.id, req.from) < s.capacity,
    );
    const local = free.filter((s) => s.region === req.person.victim.region);
    const shelter = local.length > 0 ? rng.pick(local) : free.length > 0 ? rng.pick(free) : null;
    if (!shelter) continue;
    placements.push({
      id: ctx.ids.next('pl'),
      victimId: req.person.victim.id,
      shelterId: shelter.id,
      from: req.from.toISOString(),
      until: req.until?.toISOString() ?? null,
    });
  }
  return placements;
}

/**
 * Fills the first crisis house past its capacity with the most recently identified people it takes in
 * who have no bed at `asOf`, so that the demo shows the SHELTER_OVER_CAPACITY alert.
 */
function overfill(
  rng: SeededRandom, ctx: GenerationContext, shelters: ShelterRecord[], placements: Placement[],
): { shelter: ShelterRecord; since: Date } | null {
  const shelter = shelters[0];
  if (!shelter) return null;
  const housedNow = new Set(placements.filter((p) => isPlacedAt(p, ctx.asOf)).map((p) => p.victimId));
  const lastUntil = (victimId: string): Date =>
    maxDate(new Date(0), ...placements.filter((p) => p.victimId === victimId && p.until).map((p) => new Date(p.until as string)));
  const latestStart = new Date(ctx.asOf.getTime() - HOUR_MS);
  const candidates = ctx.people
    .filter((p) => shelterAccepts(shelter, p.victim) && p.victim.acceptedAssistance)
    .filter((p) => !p.returnRequestedAt && !housedNow.has(p.victim.id))
    .map((p) => ({ person: p, earliest: maxDate(p.assistanceDecidedAt, lastUntil(p.victim.id), addDays(ctx.asOf, -12)) }))
    .filter((c) => c.earliest < latestStart)
    .sort((a, b) => b.person.identifiedAt.getTime() - a.person.identifiedAt.getTime());
  let needed = shelter.capacity - occupancyAt(placements, shelter.id, ctx.asOf) + rng.int(1, 2);
  for (const { person, earliest } of candidates) {
    if (needed <= 0) break;
    placements.push({
      id: ctx.ids.next('pl'),
      victimId: person.victim.id,
      shelterId: shelter.id,
      from: dateBetween(rng, earliest, latestStart).toISOString(),
      until: null,
    });
    needed--;
  }
  placements.sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
  const since = overCapacitySince(placements, shelter, ctx.asOf);
  return since ? { shelter, since } : null;
}

function measures(rng: SeededRandom, ctx: GenerationContext): Measure[] {
  const out: Measure[] = [];
  const add = (person: Person, kind: Measure['kind'], earliest: Date, months: [number, number]): void => {
    const end = activeUntil(person, ctx.asOf);
    if (earliest > end) return;
    const startedAt = dateBetween(rng, earliest, minDate(addDays(earliest, 21), end));
    const endedAt = daysAfter(rng, startedAt, months[0] * 30, months[1] * 30);
    out.push({
      id: ctx.ids.next('ms'),
      victimId: person.victim.id,
      kind,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt <= end ? endedAt.toISOString() : person.leftAt ? person.leftAt.toISOString() : null,
    });
  };
  for (const person of ctx.people) {
    if (!person.victim.acceptedAssistance) continue;
    const decided = person.assistanceDecidedAt;
    const needsInterpreter = !person.victim.languages.some((l) => l === 'en' || l === 'no');
    if (rng.chance(0.85)) add(person, 'FINANCIAL_SUPPORT', decided, [3, 18]);
    if (needsInterpreter && rng.chance(0.75)) add(person, 'INTERPRETER', decided, [2, 12]);
    if (person.cooperationSince && rng.chance(0.9)) add(person, 'LEGAL_AID', maxDate(decided, person.cooperationSince), [4, 24]);
    const staysLong = !person.returnRequestedAt && ctx.asOf.getTime() - person.identifiedAt.getTime() > 120 * 86400000;
    if (staysLong && rng.chance(0.5)) add(person, 'LANGUAGE_COURSE', addDays(decided, rng.int(30, 90)), [4, 12]);
    if (staysLong && !person.victim.minor && person.cooperationSince && rng.chance(0.35)) {
      add(person, 'WORK_TRAINING', addDays(decided, rng.int(90, 200)), [3, 12]);
    }
  }
  return out;
}
