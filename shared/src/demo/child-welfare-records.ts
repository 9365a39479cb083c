import type { ChildWelfareRecords } from './caseload-types';
import { activeUntil, type GenerationContext, type Person } from './context';
import { addDays, dateBetween, daysAfter, minDate } from './dates';
import { guardianFirstNames, initials } from './names';
import type { SeededRandom } from './random';

type Measure = ChildWelfareRecords['measures'][number];

/**
 * Guardians and child-welfare measures, for minors only. The two to four most recently identified
 * minors are deliberately left without a guardian (the MINOR_WITHOUT_GUARDIAN alert).
 */
export function generateChildWelfareRecords(rng: SeededRandom, ctx: GenerationContext): ChildWelfareRecords {
  const records: ChildWelfareRecords = { guardians: [], measures: [] };
  const minors = ctx.people
    .filter((p) => p.victim.minor)
    .sort((a, b) => b.identifiedAt.getTime() - a.identifiedAt.getTime());
  const withoutGuardian = new Set(minors.filter((p) => !p.leftAt).slice(0, rng.int(2, 4)));
  for (const person of minors) {
    const end = activeUntil(person, ctx.asOf);
    if (!withoutGuardian.has(person)) {
      const appointedAt = dateBetween(rng, addDays(person.identifiedAt, 0.1), minDate(addDays(person.identifiedAt, 10), end));
      person.guardianSince = appointedAt;
      // Now and then the first guardian steps down and another is appointed the same day.
      const replacedAt = daysAfter(rng, appointedAt, 30, 200);
      const replaced = rng.chance(0.1) && replacedAt < end;
      records.guardians.push(guardian(rng, ctx, person, appointedAt, replaced ? replacedAt : person.leftAt));
      if (replaced) records.guardians.push(guardian(rng, ctx, person, replacedAt, person.leftAt));
    }
    records.measures.push(...measures(rng, ctx, person, end));
  }
  return records;
}

function guardian(
  rng: SeededRandom, ctx: GenerationContext, person: Person, appointedAt: Date, endedAt: Date | null,
): ChildWelfareRecords['guardians'][number] {
  return {
    id: ctx.ids.next('gd'),
    victimId: person.victim.id,
    guardianName: `${rng.pick(guardianFirstNames)} ${rng.pick(initials)}.`,
    appointedAt: appointedAt.toISOString(),
    endedAt: endedAt?.toISOString() ?? null,
  };
}

/** An emergency placement first for many, then foster care or an institution; support contact for some. */
function measures(rng: SeededRandom, ctx: GenerationContext, person: Person, end: Date): Measure[] {
  const out: Measure[] = [];
  const add = (kind: Measure['kind'], decidedAt: Date, endedAt: Date | null): void => {
    out.push({
      id: ctx.ids.next('cw'),
      victimId: person.victim.id,
      kind,
      decidedAt: decidedAt.toISOString(),
      endedAt: endedAt && endedAt <= end ? endedAt.toISOString() : null,
    });
  };
  const emergencyAt = dateBetween(rng, person.identifiedAt, minDate(addDays(person.identifiedAt, 2), end));
  let settledFrom = emergencyAt;
  if (rng.chance(0.6)) {
    const next = daysAfter(rng, emergencyAt, 20, 90);
    add('EMERGENCY_PLACEMENT', emergencyAt, next);
    settledFrom = next;
  }
  if (settledFrom <= end && rng.chance(0.7)) add(rng.chance(0.45) ? 'FOSTER_CARE' : 'INSTITUTION', settledFrom, null);
  const contactAt = daysAfter(rng, person.identifiedAt, 14, 120);
  if (contactAt <= end && rng.chance(0.35)) add('SUPPORT_CONTACT', contactAt, daysAfter(rng, contactAt, 90, 365));
  return out;
}
