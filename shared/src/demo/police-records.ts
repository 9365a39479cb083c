import { Agency, ExploitationForm, type Region } from '../domain/enums';
import type { InvestigationRecord, PoliceRecords } from './caseload-types';
import { activeUntil, type GenerationContext, type Person } from './context';
import { addDays, dateBetween, daysAfter, isoOrNull, minDate } from './dates';
import type { SeededRandom } from './random';

/** Police districts by region, with the short code used in case numbers. */
const districts: Record<Region, readonly { name: string; code: string; court: string }[]> = {
  OSLO: [{ name: 'Oslo', code: 'OSL', court: 'Oslo District Court' }],
  EAST: [
    { name: 'Øst', code: 'OST', court: 'Follo and Nordre Østfold District Court' },
    { name: 'Innlandet', code: 'INN', court: 'Vestoppland and Valdres District Court' },
    { name: 'Sør-Øst', code: 'SOE', court: 'Vestfold District Court' },
  ],
  SOUTH: [
    { name: 'Agder', code: 'AGD', court: 'Agder District Court' },
    { name: 'Sør-Vest', code: 'SVE', court: 'Sør-Rogaland District Court' },
  ],
  WEST: [
    { name: 'Vest', code: 'VST', court: 'Hordaland District Court' },
    { name: 'Møre og Romsdal', code: 'MRO', court: 'Møre og Romsdal District Court' },
  ],
  MID: [{ name: 'Trøndelag', code: 'TRD', court: 'Trøndelag District Court' }],
  NORTH: [
    { name: 'Nordland', code: 'NOR', court: 'Salten and Lofoten District Court' },
    { name: 'Troms', code: 'TRO', court: 'Nord-Troms and Senja District Court' },
    { name: 'Finnmark', code: 'FIN', court: 'Indre and Østre Finnmark District Court' },
  ],
};

/** Share of victims who cooperate, by whether they accepted assistance (about 35% overall). */
const cooperationChance = { accepted: 0.42, declined: 0.22 };

/**
 * Investigations, cooperation and testimony. Every cooperating victim has an investigation; some
 * victims who do not cooperate have one too (a report by the police themselves or a third party).
 */
export function generatePoliceRecords(rng: SeededRandom, ctx: GenerationContext): PoliceRecords {
  const records: PoliceRecords = { investigations: [], cooperation: [], testimonies: [] };
  const caseNumbers = new Set<string>();
  for (const person of ctx.people) {
    const { victim, identifiedAt } = person;
    const cooperates = rng.chance(victim.acceptedAssistance ? cooperationChance.accepted : cooperationChance.declined);
    if (cooperates) {
      person.cooperationSince = dateBetween(rng, addDays(identifiedAt, 0.05), minDate(addDays(identifiedAt, 120), ctx.asOf));
      records.cooperation.push({ victimId: victim.id, since: person.cooperationSince.toISOString() });
    }
    const reportedByPolice = victim.identifyingAgency === Agency.POLICE;
    if (!cooperates && !rng.chance(reportedByPolice ? 0.3 : 0.1)) continue;

    const district = rng.pick(districts[victim.region]);
    const reportedAt = reportedByPolice
      ? identifiedAt
      : dateBetween(rng, identifiedAt, person.cooperationSince ?? minDate(addDays(identifiedAt, 30), ctx.asOf));
    const openedAt = dateBetween(rng, reportedAt, minDate(addDays(reportedAt, 14), ctx.asOf));
    const investigation = progress(rng, person, ctx.asOf, reportedAt, openedAt);
    const id = ctx.ids.next('inv');
    records.investigations.push({
      id,
      victimId: victim.id,
      caseNumber: caseNumber(rng, caseNumbers, reportedAt, district.code),
      district: district.name,
      offences: offences(rng, person),
      status: investigation.status,
      reportedAt: reportedAt.toISOString(),
      openedAt: openedAt.toISOString(),
      chargedAt: isoOrNull(investigation.chargedAt),
      verdictAt: isoOrNull(investigation.verdictAt),
      closedAt: isoOrNull(investigation.closedAt),
    });

    // Only a cooperating victim gives evidence, and only once the case has gone to court.
    if (person.cooperationSince && investigation.trialAt) {
      const until = minDate(investigation.verdictAt ?? ctx.asOf, activeUntil(person, ctx.asOf));
      person.testimonyAt = dateBetween(rng, investigation.trialAt, until);
      records.testimonies.push({
        id: ctx.ids.next('tm'),
        victimId: victim.id,
        investigationId: id,
        court: district.court,
        givenAt: person.testimonyAt.toISOString(),
      });
    }
  }
  return records;
}

interface Progress {
  status: InvestigationRecord['status'];
  chargedAt: Date | null;
  trialAt: Date | null;
  verdictAt: Date | null;
  closedAt: Date | null;
}

/** How far the case has come by `asOf`: each step happens only if its date is not in the future. */
function progress(rng: SeededRandom, person: Person, asOf: Date, reportedAt: Date, openedAt: Date): Progress {
  const out: Progress = { status: 'UNDER_INVESTIGATION', chargedAt: null, trialAt: null, verdictAt: null, closedAt: null };
  if (asOf.getTime() - reportedAt.getTime() < 12 * 86400000 && rng.chance(0.6)) out.status = 'REPORTED';
  const chargedAt = rng.chance(person.cooperationSince ? 0.5 : 0.15) ? daysAfter(rng, openedAt, 60, 300) : null;
  if (chargedAt && chargedAt <= asOf) {
    out.status = 'CHARGED';
    out.chargedAt = chargedAt;
    const trialAt = rng.chance(0.85) ? daysAfter(rng, chargedAt, 45, 160) : null;
    if (trialAt && trialAt <= asOf) {
      out.status = 'PROSECUTED';
      out.trialAt = trialAt;
      const verdictAt = daysAfter(rng, trialAt, 2, 20);
      if (verdictAt <= asOf) {
        out.status = rng.chance(0.72) ? 'CONVICTED' : 'ACQUITTED';
        out.verdictAt = verdictAt;
        out.closedAt = verdictAt;
      }
    }
    return out;
  }
  if (!chargedAt && rng.chance(person.cooperationSince ? 0.2 : 0.45)) {
    const closedAt = daysAfter(rng, openedAt, 90, 400);
    if (closedAt <= asOf) {
      out.status = 'DROPPED';
      out.closedAt = closedAt;
    }
  }
  return out;
}

function offences(rng: SeededRandom, person: Person): string[] {
  const { minor, exploitationForms } = person.victim;
  const out = [minor || rng.chance(0.15) ? 'AGGRAVATED_TRAFFICKING_258' : 'TRAFFICKING_257'];
  if (exploitationForms.includes(ExploitationForm.SEXUAL_EXPLOITATION) && rng.chance(0.45)) out.push('PIMPING_315');
  if (rng.chance(0.2)) out.push('THREATS_263');
  if (rng.chance(0.12)) out.push('BODILY_HARM_271');
  if (exploitationForms.includes(ExploitationForm.FORCED_LABOUR) && rng.chance(0.2)) out.push('COERCION_251');
  return out;
}

function caseNumber(rng: SeededRandom, used: Set<string>, reportedAt: Date, code: string): string {
  for (;;) {
    const number = `${reportedAt.getUTCFullYear()}-${code}-${String(rng.int(1000, 29999)).padStart(6, '0')}`;
    if (!used.has(number)) {
      used.add(number);
      return number;
    }
  }
}
