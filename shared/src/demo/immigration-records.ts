import type { ImmigrationRecords } from './caseload-types';
import type { GenerationContext, Person } from './context';
import { addDays, addMonths, daysAfter, maxDate } from './dates';
import type { SeededRandom } from './random';

type Permit = ImmigrationRecords['permits'][number];

/** The reflection period is six months, for every nationality (EEA citizens rarely need it). */
export const REFLECTION_PERIOD_MONTHS = 6;
/** A temporary permit for cooperating victims runs for at most a year and may be renewed. */
export const TEMPORARY_PERMIT_MONTHS = 12;

/**
 * Reflection periods, permits and voluntary returns. Temporary permits go only to non-EEA victims who
 * cooperate with the police, after the reflection period; permanent permits only to victims who gave
 * evidence in court; returns only to victims who do not cooperate.
 */
export function generateImmigrationRecords(rng: SeededRandom, ctx: GenerationContext): ImmigrationRecords {
  const records: ImmigrationRecords = { reflectionPeriods: [], permits: [], returns: [] };
  for (const person of ctx.people) {
    const reflection = reflectionPeriod(rng, person, ctx.asOf);
    if (reflection) {
      records.reflectionPeriods.push({
        id: ctx.ids.next('rp'),
        victimId: person.victim.id,
        grantedAt: reflection.grantedAt.toISOString(),
        endsAt: reflection.endsAt.toISOString(),
      });
    }
    const mayReturn = !person.cooperationSince && !person.victim.minor && !person.reflectionEndsSoon;
    if (mayReturn && rng.chance(person.eea ? 0.22 : 0.14)) {
      const requestedAt = daysAfter(rng, reflection?.grantedAt ?? person.identifiedAt, 5, 150);
      if (requestedAt <= ctx.asOf) {
        const completedAt = daysAfter(rng, requestedAt, 10, 45);
        person.returnRequestedAt = requestedAt;
        person.leftAt = completedAt <= ctx.asOf ? completedAt : null;
        records.returns.push({
          id: ctx.ids.next('ret'),
          victimId: person.victim.id,
          requestedAt: requestedAt.toISOString(),
          completedAt: person.leftAt?.toISOString() ?? null,
          destinationCountry: person.victim.nationalities[0] as string,
        });
      }
    }
    if (person.eea) continue;
    const victimId = person.victim.id;
    const permanent = person.testimonyAt ? permanentPermit(rng, ctx, victimId, person.testimonyAt) : null;
    if (permanent) records.permits.push(permanent);
    if (person.cooperationSince) {
      const permanentGrantedAt = permanent?.decision === 'GRANTED' ? new Date(permanent.decidedAt as string) : null;
      records.permits.push(
        ...temporaryPermits(rng, ctx, victimId, person.cooperationSince, reflection?.endsAt ?? null, permanentGrantedAt),
      );
    }
  }
  return records;
}

function reflectionPeriod(rng: SeededRandom, person: Person, asOf: Date): { grantedAt: Date; endsAt: Date } | null {
  let grantedAt: Date | null = null;
  if (person.reflectionEndsSoon) grantedAt = addDays(person.identifiedAt, 2);
  else if (rng.chance(person.eea ? 0.08 : 0.85)) grantedAt = daysAfter(rng, person.identifiedAt, 1, 21);
  if (!grantedAt || grantedAt > asOf) return null;
  return { grantedAt, endsAt: addMonths(grantedAt, REFLECTION_PERIOD_MONTHS) };
}

function permit(
  id: string, victimId: string, type: Permit['type'], appliedAt: Date, decision: Permit['decision'],
): Permit {
  return {
    id, victimId, type, appliedAt: appliedAt.toISOString(), decision,
    decidedAt: null, validFrom: null, validUntil: null,
  };
}

function permanentPermit(rng: SeededRandom, ctx: GenerationContext, victimId: string, testimonyAt: Date): Permit | null {
  const appliedAt = daysAfter(rng, testimonyAt, 14, 120);
  if (appliedAt > ctx.asOf) return null;
  const decidedAt = daysAfter(rng, appliedAt, 30, 150);
  const id = ctx.ids.next('pm');
  if (decidedAt > ctx.asOf) return permit(id, victimId, 'PERMANENT_RESIDENCE', appliedAt, 'PENDING');
  const granted = rng.chance(0.85);
  return {
    ...permit(id, victimId, 'PERMANENT_RESIDENCE', appliedAt, granted ? 'GRANTED' : 'REFUSED'),
    decidedAt: decidedAt.toISOString(),
    validFrom: granted ? decidedAt.toISOString() : null,
  };
}

/** The first application near the end of the reflection period, then yearly renewals while cooperating. */
function temporaryPermits(
  rng: SeededRandom,
  ctx: GenerationContext,
  victimId: string,
  since: Date,
  reflectionEndsAt: Date | null,
  permanentGrantedAt: Date | null,
): Permit[] {
  const out: Permit[] = [];
  let appliedAt = daysAfter(rng, reflectionEndsAt ? maxDate(since, addDays(reflectionEndsAt, -21)) : since, 0, 14);
  let previousUntil: Date | null = null;
  for (let round = 0; round < 3; round++) {
    if (appliedAt > ctx.asOf || (permanentGrantedAt && appliedAt >= permanentGrantedAt)) break;
    const decidedAt = round === 0 ? daysAfter(rng, appliedAt, 14, 75) : daysAfter(rng, appliedAt, 7, 30);
    const id = ctx.ids.next('pm');
    if (decidedAt > ctx.asOf) {
      out.push(permit(id, victimId, 'TEMPORARY_RESIDENCE', appliedAt, 'PENDING'));
      break;
    }
    if (round === 0 && rng.chance(0.1)) {
      out.push({ ...permit(id, victimId, 'TEMPORARY_RESIDENCE', appliedAt, 'REFUSED'), decidedAt: decidedAt.toISOString() });
      break;
    }
    const validFrom = maxDate(decidedAt, reflectionEndsAt ?? decidedAt, previousUntil ?? decidedAt);
    const validUntil = addMonths(validFrom, TEMPORARY_PERMIT_MONTHS);
    out.push({
      ...permit(id, victimId, 'TEMPORARY_RESIDENCE', appliedAt, 'GRANTED'),
      decidedAt: decidedAt.toISOString(),
      validFrom: validFrom.toISOString(),
      validUntil: validUntil.toISOString(),
    });
    if (!rng.chance(0.85)) break;
    previousUntil = validUntil;
    appliedAt = daysAfter(rng, addDays(validUntil, -45), 0, 20);
  }
  return out;
}
