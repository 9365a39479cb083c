import type { Caseload, SupportEventRecord } from './caseload-types';
import { generateChildWelfareRecords } from './child-welfare-records';
import { generateConsents } from './consents';
import type { GenerationContext } from './context';
import { startOfUtcDay } from './dates';
import { generateHealthRecords } from './health-records';
import { IdFactory } from './ids';
import { generateLabourInspectionRecords, withLabourInspectionEvents } from './labour-inspection-records';
import { generateImmigrationRecords } from './immigration-records';
import { generatePeople } from './people';
import { generatePoliceRecords } from './police-records';
import { generateProblemReports } from './problem-reports';
import { SeededRandom } from './random';
import { generateSocialServicesRecords } from './social-records';
import { stageAt } from './stage';
import { generateRightsInformation } from './rights-information';
import { collectSupportEvents } from './support-events';

export interface CaseloadOptions {
  /** Seed of the pseudo-random generator (default 2009, the year the coordinating unit's model took shape). */
  seed?: number;
  /** The demo's "now": every record lies in the two years before it (default: start of today, UTC). */
  asOf?: Date;
  /** Number of victims (default 300). */
  victims?: number;
}

export const DEFAULT_SEED = 2009;
export const DEFAULT_VICTIM_COUNT = 300;

/**
 * A realistic, internally consistent national caseload for the demo, the tests and the benchmark.
 * Deterministic: the same seed and `asOf` give byte-identical output.
 *
 * Agencies are drawn in the order their records depend on each other (police cooperation decides who may
 * get a temporary permit; testimony who may get a permanent one; a return ends placements and consents;
 * a guardian must exist before a minor's consent), and each agency draws from its own random stream.
 */
export function generateCaseload(options: CaseloadOptions = {}): Caseload {
  const seed = options.seed ?? DEFAULT_SEED;
  const asOf = options.asOf ? new Date(options.asOf.getTime()) : startOfUtcDay(new Date());
  const count = options.victims ?? DEFAULT_VICTIM_COUNT;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`victims must be a non-negative integer, got ${count}`);
  if (Number.isNaN(asOf.getTime())) throw new RangeError('asOf must be a valid date');

  const root = new SeededRandom(seed);
  const ids = new IdFactory(root.fork('ids'));
  const ctx: GenerationContext = { asOf, ids, people: [] };
  ctx.people = generatePeople(root.fork('people'), ids, asOf, count);

  const police = generatePoliceRecords(root.fork('police'), ctx);
  const immigration = generateImmigrationRecords(root.fork('immigration'), ctx);
  const social = generateSocialServicesRecords(root.fork('social-services'), ctx);
  const health = generateHealthRecords(root.fork('health'), ctx);
  const childWelfare = generateChildWelfareRecords(root.fork('child-welfare'), ctx);
  const consents = generateConsents(root.fork('consents'), ctx);
  const problemReports = generateProblemReports(root.fork('problem-reports'), ctx);
  // Last and from its own stream, so that adding the labour inspection changed no other agency's records.
  const labourRandom = root.fork('labour-inspection');
  const labourInspection = generateLabourInspectionRecords(labourRandom, ctx, police);

  // Grouped once (in their order), so that a caseload of 100,000 takes seconds rather than a quadratic scan.
  const reflectionPeriods = byVictim(immigration.reflectionPeriods);
  const permits = byVictim(immigration.permits);
  const returns = byVictim(immigration.returns);
  for (const person of ctx.people) {
    const id = person.victim.id;
    person.victim.stage = stageAt(
      { reflectionPeriods: reflectionPeriods.get(id) ?? [], permits: permits.get(id) ?? [], returns: returns.get(id) ?? [] },
      asOf,
    );
  }

  const withoutEvents = {
    asOf: asOf.toISOString(),
    coordination: { victims: ctx.people.map((p) => p.victim), consents, problemReports },
    police,
    immigration,
    socialServices: social.records,
    health,
    childWelfare,
    labourInspection,
  };
  const overCapacity = social.overCapacity && { shelterId: social.overCapacity.shelter.id, since: social.overCapacity.since };
  const drawn = withLabourInspectionEvents(collectSupportEvents(withoutEvents, overCapacity, ids), labourInspection, labourRandom, asOf);
  // The labour inspection's events draw their ids from its own stream: the ids below must not repeat one (at
  // 100,000 victims, 8 hex digits for about 800,000 events collide).
  ids.reserve(drawn.map((e) => e.id));
  // Added after everything else, from streams of their own: every record above is the same with or without them.
  const rights = generateRightsInformation(root.fork('rights-information'), ctx, ids.fork(root.fork('rights-information-ids')));
  const supportEvents = mergeByTime(drawn, rights.events);
  const { victims } = withoutEvents.coordination;
  return { ...withoutEvents, coordination: { victims, consents, supportEvents, problemReports }, rightsInformation: rights.records };
}

/** Two lists of events each in time order, as one (on equal times, `a` first). */
function mergeByTime(a: readonly SupportEventRecord[], b: readonly SupportEventRecord[]): SupportEventRecord[] {
  const later = [...b].sort((x, y) => x.at.localeCompare(y.at) || x.victimId.localeCompare(y.victimId));
  const merged: SupportEventRecord[] = [];
  let j = 0;
  for (const event of a) {
    while (j < later.length && later[j]!.at < event.at) merged.push(later[j++]!);
    merged.push(event);
  }
  return [...merged, ...later.slice(j)];
}

/** Records by the victim they belong to, each list in the records' order. */
function byVictim<T extends { victimId: string }>(records: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.victimId);
    if (group) group.push(record);
    else groups.set(record.victimId, [record]);
  }
  return groups;
}
