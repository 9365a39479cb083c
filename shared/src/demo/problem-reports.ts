import { Agency, Gender, type Region } from '../domain/enums';
import type { ProblemReportRecord } from './caseload-types';
import { activeUntil, type GenerationContext } from './context';
import { DAY_MS, dateBetween, daysAfter } from './dates';
import { ngoNames } from './names';
import { regionWeights } from './people';
import type { SeededRandom } from './random';

type Topic = ProblemReportRecord['topic'];

const topicWeights: readonly (readonly [Topic, number])[] = [
  ['ACCOMMODATION', 30], ['INTERPRETER', 15], ['HEALTH_ACCESS', 15], ['SAFETY', 15], ['COOPERATION', 15], ['OTHER', 10],
];

/** Descriptions never name a safe house, an address or a clinical detail. */
const descriptions: Record<Topic, readonly string[]> = {
  ACCOMMODATION: [
    'No safe-house place available in the region; a hotel room was used for several nights.',
    'Waiting time for long-term accommodation after the crisis stay is now several months.',
    'Safe house full on arrival; the person was moved to another region, away from their support network.',
    'Municipality declined to provide housing after the reflection period pending a permit decision.',
  ],
  INTERPRETER: [
    'No qualified interpreter available for the first interview; a telephone interpreter was used.',
    'Interpreter knew the person from their home community; interview had to be rescheduled.',
    'Repeated difficulty booking interpreters for the language within a week.',
  ],
  HEALTH_ACCESS: [
    'Person without a GP for over two months despite several requests.',
    'Specialist mental health referral rejected as not meeting priority criteria.',
    'Dental treatment beyond emergency care not covered while the permit application is pending.',
  ],
  SAFETY: [
    'Person reports being contacted by the exploiters through social media.',
    'Suspected surveillance near the accommodation; police informed.',
    'Family in the home country threatened after the police interview.',
  ],
  COOPERATION: [
    'Information about the permit decision reached the person before their coordinator.',
    'Police and social services gave conflicting advice about the reflection period.',
    'Case transferred between police districts without notice to the local coordinating unit.',
  ],
  OTHER: [
    'Bank account could not be opened without an identity document.',
    'Person asked for help to contact family abroad safely.',
    'Fees for a replacement passport not covered by any agency.',
  ],
};

const regionName: Record<Region, string> = { OSLO: 'Oslo', EAST: 'East', SOUTH: 'South', WEST: 'West', MID: 'Mid', NORTH: 'North' };

/** About forty reports from NGOs and local coordinating units, some about a named (pseudonymous) victim. */
export function generateProblemReports(rng: SeededRandom, ctx: GenerationContext): ProblemReportRecord[] {
  const reports: ProblemReportRecord[] = [];
  const count = rng.int(36, 44);
  const twoYearsAgo = new Date(ctx.asOf.getTime() - 730 * DAY_MS);
  for (let n = 0; n < count; n++) {
    const person = ctx.people.length > 0 && rng.chance(0.45) ? rng.pick(ctx.people) : null;
    const region = person?.victim.region ?? rng.weighted(regionWeights);
    const fromNgo = rng.chance(0.6);
    // A man without a bed is the accommodation problem reported most often.
    const topic = person?.victim.gender === Gender.MALE && rng.chance(0.5) ? 'ACCOMMODATION' : rng.weighted(topicWeights);
    const reportedAt = person
      ? dateBetween(rng, person.identifiedAt, activeUntil(person, ctx.asOf))
      : dateBetween(rng, twoYearsAgo, ctx.asOf);
    const resolvedAt = daysAfter(rng, reportedAt, 3, 60);
    reports.push({
      id: ctx.ids.next('pr'),
      victimId: person?.victim.id ?? null,
      reportedByAgency: fromNgo ? Agency.NGO : Agency.COORDINATION,
      reporter: fromNgo ? rng.pick(ngoNames) : `Local coordinating unit ${regionName[region]}`,
      region,
      topic,
      description: rng.pick(descriptions[topic]),
      reportedAt: reportedAt.toISOString(),
      resolvedAt: resolvedAt <= ctx.asOf && rng.chance(0.65) ? resolvedAt.toISOString() : null,
    });
  }
  return reports.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
}
