import { Agency, ExploitationForm, type Region, SupportEventKind } from '../domain/enums';
import type { LabourInspectionRecords, PoliceRecords, SupportEventRecord } from './caseload-types';
import { activeUntil, type GenerationContext } from './context';
import { addDays, dateBetween, daysAfter, minDate } from './dates';
import type { SeededRandom } from './random';

/**
 * The labour inspection authority's records: workplace inspections that found victims of forced labour, the
 * sanctions on the employers, referrals to the police and back-pay and compensation claims. Only victims whose
 * exploitation forms include FORCED_LABOUR have any. Drawn from the authority's own random stream, after every
 * other agency, so that no other agency's records change (the hub's tests compare their figures).
 */

const sectors = ['AGRICULTURE', 'CONSTRUCTION', 'CLEANING', 'HOSPITALITY', 'FISHERIES', 'MANUFACTURING', 'CAR_WASH', 'TRANSPORT', 'DOMESTIC_WORK', 'OTHER'] as const;
type SectorName = (typeof sectors)[number];
/** How often each sector is where forced labour is found (the authority's annual reports, roughly). */
const sectorWeights: readonly (readonly [SectorName, number])[] = [
  ['CONSTRUCTION', 24], ['AGRICULTURE', 18], ['CLEANING', 14], ['HOSPITALITY', 13], ['CAR_WASH', 9],
  ['FISHERIES', 7], ['MANUFACTURING', 5], ['TRANSPORT', 5], ['DOMESTIC_WORK', 3], ['OTHER', 2],
];
const employerNouns: Record<SectorName, readonly string[]> = {
  AGRICULTURE: ['Gartneri', 'Frukt og Bær', 'Landbruk'],
  CONSTRUCTION: ['Bygg', 'Entreprenør', 'Betong og Mur'],
  CLEANING: ['Renhold', 'Rengjøringsservice'],
  HOSPITALITY: ['Restaurantdrift', 'Hotell og Servering', 'Kafé'],
  FISHERIES: ['Fiskeforedling', 'Sjømat'],
  MANUFACTURING: ['Produksjon', 'Industri'],
  CAR_WASH: ['Bilvask', 'Bilpleie'],
  TRANSPORT: ['Transport', 'Budservice'],
  DOMESTIC_WORK: ['Husholdningstjenester'],
  OTHER: ['Tjenester'],
};
const employerNames = ['Nordlys', 'Fjord', 'Vestkyst', 'Granli', 'Solberg', 'Haugen', 'Bakke', 'Lien', 'Dal', 'Strand', 'Berg', 'Vik'];
const municipalities: Record<Region, readonly string[]> = {
  OSLO: ['Oslo'],
  EAST: ['Drammen', 'Fredrikstad', 'Hamar', 'Lillestrøm'],
  SOUTH: ['Kristiansand', 'Stavanger', 'Arendal'],
  WEST: ['Bergen', 'Ålesund', 'Haugesund'],
  MID: ['Trondheim', 'Steinkjer'],
  NORTH: ['Bodø', 'Tromsø', 'Alta'],
};
const policeDistricts: Record<Region, string> = {
  OSLO: 'Oslo', EAST: 'Øst', SOUTH: 'Agder', WEST: 'Vest', MID: 'Trøndelag', NORTH: 'Nordland',
};
const indicators = [
  'ABUSE_OF_VULNERABILITY', 'DECEPTION', 'RESTRICTION_OF_MOVEMENT', 'ISOLATION', 'PHYSICAL_OR_SEXUAL_VIOLENCE',
  'INTIMIDATION_AND_THREATS', 'RETENTION_OF_IDENTITY_DOCUMENTS', 'WITHHOLDING_OF_WAGES', 'DEBT_BONDAGE',
  'ABUSIVE_WORKING_AND_LIVING_CONDITIONS', 'EXCESSIVE_OVERTIME',
] as const;
const sanctionKinds = ['ORDER', 'COERCIVE_FINE', 'INFRINGEMENT_FINE', 'SUSPENSION_OF_OPERATIONS'] as const;

interface Workplace {
  employer: string;
  organisationNumber: string;
  sector: SectorName;
  region: Region;
  municipality: string;
  /** Inspections held there so far (other victims found at one may have been found at the same visit). */
  visits: Date[];
}

/** Share of forced-labour victims the authority found at a workplace inspection. */
const INSPECTED = 0.7;

export function generateLabourInspectionRecords(rng: SeededRandom, ctx: GenerationContext, police: PoliceRecords): LabourInspectionRecords {
  const records: LabourInspectionRecords = { inspections: [], sanctions: [], referrals: [], claims: [] };
  const ids = new Set<string>();
  const id = (prefix: string): string => {
    for (;;) {
      const candidate = `${prefix}-${rng.hex(8)}`;
      if (!ids.has(candidate)) {
        ids.add(candidate);
        return candidate;
      }
    }
  };
  const orgNumbers = new Set<string>();
  const workplaces: Workplace[] = [];
  const newWorkplace = (region: Region): Workplace => {
    const sector = rng.weighted(sectorWeights);
    let organisationNumber: string;
    do organisationNumber = String(rng.int(900_000_000, 999_999_999));
    while (orgNumbers.has(organisationNumber));
    orgNumbers.add(organisationNumber);
    const workplace: Workplace = {
      employer: `${rng.pick(employerNames)} ${rng.pick(employerNouns[sector])} AS`,
      organisationNumber,
      sector,
      region,
      municipality: rng.pick(municipalities[region]),
      visits: [],
    };
    workplaces.push(workplace);
    return workplace;
  };
  const investigationOf = new Map(police.investigations.map((i) => [i.victimId, i]));

  for (const person of ctx.people) {
    const { victim, identifiedAt } = person;
    if (!victim.exploitationForms.includes(ExploitationForm.FORCED_LABOUR)) continue;
    if (!rng.chance(INSPECTED)) continue;
    const until = activeUntil(person, ctx.asOf);
    // Found at the inspection that led to the identification, or at one in the weeks after it.
    const from = addDays(identifiedAt, -21);
    const to = minDate(addDays(identifiedAt, 45), until);
    // Several victims are often found at one workplace, at the same visit.
    const local = workplaces.filter((w) => w.region === victim.region);
    const workplace = local.length > 0 && rng.chance(0.45) ? rng.pick(local) : newWorkplace(victim.region);
    const sameVisit = workplace.visits.find((v) => v >= from && v <= to);
    const inspectedAt = sameVisit ?? dateBetween(rng, from, to);
    if (!sameVisit) workplace.visits.push(inspectedAt);
    const inspectionId = id('wi');
    const found = rng.shuffle(indicators).slice(0, rng.int(2, 6)).sort((a, b) => indicators.indexOf(a) - indicators.indexOf(b));
    records.inspections.push({
      id: inspectionId,
      victimId: victim.id,
      employer: workplace.employer,
      organisationNumber: workplace.organisationNumber,
      sector: workplace.sector,
      municipality: workplace.municipality,
      inspectedAt: inspectedAt.toISOString(),
      indicatorsFound: [...found],
    });

    if (rng.chance(0.6)) {
      const kind = rng.weighted<(typeof sanctionKinds)[number]>([['ORDER', 4], ['COERCIVE_FINE', 3], ['INFRINGEMENT_FINE', 2], ['SUSPENSION_OF_OPERATIONS', 1]]);
      const imposedAt = daysAfter(rng, inspectedAt, 3, 60);
      if (imposedAt <= ctx.asOf) {
        const fine = kind === 'COERCIVE_FINE' || kind === 'INFRINGEMENT_FINE';
        records.sanctions.push({
          id: id('sn'), victimId: victim.id, inspectionId, kind,
          amountNok: fine ? rng.int(10, 400) * 1000 : null,
          imposedAt: imposedAt.toISOString(),
        });
      }
    }

    // Findings go to the police more often when the police already have a case.
    const investigation = investigationOf.get(victim.id);
    if (rng.chance(investigation ? 0.85 : 0.4)) {
      const referredAt = daysAfter(rng, inspectedAt, 1, 21);
      if (referredAt <= ctx.asOf) {
        records.referrals.push({
          id: id('lr'), victimId: victim.id, inspectionId,
          policeDistrict: investigation?.district ?? policeDistricts[victim.region],
          referredAt: referredAt.toISOString(),
        });
      }
    }

    if (rng.chance(0.5)) {
      const filedAt = daysAfter(rng, inspectedAt, 7, 120);
      if (filedAt <= ctx.asOf) {
        const claimedNok = rng.int(20, 450) * 1000;
        const decidedAt = rng.chance(0.6) ? daysAfter(rng, filedAt, 30, 240) : null;
        const decided = decidedAt !== null && decidedAt <= ctx.asOf;
        const awarded = decided && rng.chance(0.7);
        records.claims.push({
          id: id('bp'), victimId: victim.id, inspectionId,
          kind: rng.chance(0.75) ? 'BACK_PAY' : 'COMPENSATION',
          claimedNok,
          filedAt: filedAt.toISOString(),
          status: !decided ? 'FILED' : awarded ? 'AWARDED' : 'REJECTED',
          decidedAt: decided ? decidedAt.toISOString() : null,
          awardedNok: awarded ? Math.round((claimedNok * rng.int(50, 100)) / 100 / 1000) * 1000 : null,
        });
      }
    }
  }
  return records;
}

const summaries = {
  inspected: 'Found at a workplace inspection',
  referred: 'Labour inspection referred the case to the police',
};

/**
 * The labour inspection's milestones on the support path, merged into the others in the support path's order
 * (time, victim, kind). Their ids come from the authority's own stream and never repeat another event's, so that
 * every other event keeps its id.
 */
export function withLabourInspectionEvents(
  events: readonly SupportEventRecord[],
  records: LabourInspectionRecords,
  rng: SeededRandom,
  asOf: Date,
): SupportEventRecord[] {
  const drafts: Omit<SupportEventRecord, 'id'>[] = [];
  const add = (victimId: string, kind: SupportEventKind, at: string | null, summary: string): void => {
    if (at !== null && Date.parse(at) <= asOf.getTime()) {
      drafts.push({ victimId, agency: Agency.LABOUR_INSPECTION, kind, at, summary, dueAt: null });
    }
  };
  for (const i of records.inspections) add(i.victimId, SupportEventKind.WORKPLACE_INSPECTED, i.inspectedAt, summaries.inspected);
  for (const r of records.referrals) add(r.victimId, SupportEventKind.REFERRED_TO_POLICE, r.referredAt, summaries.referred);
  for (const c of records.claims) {
    const what = c.kind === 'BACK_PAY' ? 'Back-pay' : 'Compensation';
    add(c.victimId, SupportEventKind.BACK_PAY_CLAIMED, c.filedAt, `${what} claim filed`);
    if (c.status !== 'FILED') add(c.victimId, SupportEventKind.BACK_PAY_DECIDED, c.decidedAt, `${what} claim ${c.status === 'AWARDED' ? 'awarded' : 'rejected'}`);
  }
  const kindOrder = Object.values(SupportEventKind);
  const order = (a: Omit<SupportEventRecord, 'id'>, b: Omit<SupportEventRecord, 'id'>): number =>
    a.at.localeCompare(b.at) || a.victimId.localeCompare(b.victimId) || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind);
  const used = new Set(events.map((e) => e.id));
  const labour = drafts.sort(order).map((d) => {
    let eventId: string;
    do eventId = `ev-${rng.hex(8)}`;
    while (used.has(eventId));
    used.add(eventId);
    return { id: eventId, ...d };
  });
  // Merge two sorted lists; on a tie the other agency's event comes first.
  const out: SupportEventRecord[] = [];
  let j = 0;
  for (const e of events) {
    while (j < labour.length && order(labour[j]!, e) < 0) out.push(labour[j++]!);
    out.push(e);
  }
  while (j < labour.length) out.push(labour[j++]!);
  return out;
}
