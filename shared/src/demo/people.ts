import { Agency, ExploitationForm, Gender, Region, Stage } from '../domain/enums';
import { nationalIndicators } from '../domain/indicators';
import type { Person } from './context';
import { DAY_MS, addDays, addMonths, startOfUtcDay } from './dates';
import type { IdFactory } from './ids';
import { aliasFirstNames, initials } from './names';
import { type NameGroup, countries, country, isEeaCitizen } from './nationalities';
import type { SeededRandom } from './random';

type Weights<T> = readonly (readonly [T, number])[];
const F = ExploitationForm;

const formWeights: Record<'WOMEN' | 'MEN' | 'OTHER' | 'GIRLS' | 'BOYS', Weights<ExploitationForm>> = {
  WOMEN: [
    [F.SEXUAL_EXPLOITATION, 80], [F.FORCED_LABOUR, 8], [F.DOMESTIC_SERVITUDE, 7], [F.FORCED_CRIMINAL_ACTIVITY, 3],
    [F.BEGGING, 2], [F.OTHER, 1],
  ],
  MEN: [
    [F.FORCED_LABOUR, 62], [F.FORCED_CRIMINAL_ACTIVITY, 16], [F.BEGGING, 12], [F.SEXUAL_EXPLOITATION, 6],
    [F.DOMESTIC_SERVITUDE, 4], [F.OTHER, 1],
  ],
  OTHER: [[F.SEXUAL_EXPLOITATION, 70], [F.FORCED_LABOUR, 15], [F.FORCED_CRIMINAL_ACTIVITY, 10], [F.BEGGING, 5]],
  GIRLS: [
    [F.SEXUAL_EXPLOITATION, 45], [F.FORCED_CRIMINAL_ACTIVITY, 20], [F.BEGGING, 15], [F.DOMESTIC_SERVITUDE, 12],
    [F.FORCED_LABOUR, 8],
  ],
  BOYS: [
    [F.FORCED_CRIMINAL_ACTIVITY, 40], [F.FORCED_LABOUR, 25], [F.BEGGING, 22], [F.SEXUAL_EXPLOITATION, 10],
    [F.DOMESTIC_SERVITUDE, 3],
  ],
};

/** Where victims are identified: Oslo by far the most. */
export const regionWeights: Weights<Region> = [
  [Region.OSLO, 38], [Region.EAST, 18], [Region.WEST, 15], [Region.SOUTH, 11], [Region.MID, 10], [Region.NORTH, 8],
];

/** Number of coordinators at each local unit; staff ids are `coord-<region>-<n>`. */
const coordinatorsPerRegion: Record<Region, number> = { OSLO: 4, EAST: 2, SOUTH: 2, WEST: 2, MID: 1, NORTH: 1 };

const identifyingAgencyWeights: Record<'ADULT' | 'MINOR', Weights<Agency>> = {
  ADULT: [
    [Agency.POLICE, 40], [Agency.NGO, 25], [Agency.IMMIGRATION, 12], [Agency.SOCIAL_SERVICES, 10],
    [Agency.COORDINATION, 7], [Agency.HEALTH, 6],
  ],
  MINOR: [
    [Agency.CHILD_WELFARE, 35], [Agency.POLICE, 30], [Agency.IMMIGRATION, 15], [Agency.NGO, 10],
    [Agency.SOCIAL_SERVICES, 5], [Agency.HEALTH, 5],
  ],
};

const adultAgeBands: Weights<[number, number]> = [[[21, 25], 30], [[26, 30], 28], [[31, 35], 18], [[36, 45], 16], [[46, 58], 8]];

/** Base chance that each national indicator is assessed as present, and what each form adds. */
const indicatorBase: Record<string, number> = {
  R1: 0.6, R2: 0.55, R3: 0.4, C1: 0.45, C2: 0.5, C3: 0.45, C4: 0.25, C5: 0.4,
  E1: 0.55, E2: 0.3, E3: 0.05, E4: 0.1, V1: 0.4, V2: 0, V3: 0.5,
};
const indicatorBoost: Partial<Record<ExploitationForm, Record<string, number>>> = {
  SEXUAL_EXPLOITATION: { C4: 0.4, R3: 0.25, E4: 0.15 },
  FORCED_LABOUR: { E2: 0.5, C1: 0.2, E1: 0.2 },
  BEGGING: { E3: 0.85 },
  FORCED_CRIMINAL_ACTIVITY: { E3: 0.85, C3: 0.2 },
  DOMESTIC_SERVITUDE: { C5: 0.35, E2: 0.35, C2: 0.2 },
};

/**
 * Draws the victims: who they are, where and when they were identified. Stage is provisional; it is
 * derived once every agency's records exist.
 */
export function generatePeople(rng: SeededRandom, ids: IdFactory, asOf: Date, count: number): Person[] {
  const pool = nationalityPool(rng, count);
  const aliases = new Set<string>();
  const today = startOfUtcDay(asOf);
  const people = pool.map((code): Person => {
    const home = country(code);
    const nationalities = code === 'MD' && rng.chance(0.3) ? ['MD', 'RO'] : [code];
    const minor = rng.chance(0.1);
    const gender = !minor && rng.chance(0.012)
      ? Gender.OTHER
      : rng.chance(home.femaleShare) ? Gender.FEMALE : Gender.MALE;
    const forms = exploitationForms(rng, gender, minor);
    const region = rng.weighted(regionWeights);
    // Identifications grow over the two years: half uniform, half weighted towards recent months.
    const u = rng.next();
    const daysAgo = 1 + Math.floor(729 * (rng.chance(0.5) ? u : 1 - Math.sqrt(u)));
    const identifiedAt = new Date(today.getTime() - daysAgo * DAY_MS + rng.int(8 * 60, 17 * 60) * 60000);
    const eea = isEeaCitizen(nationalities);
    const [minAge, maxAge] = rng.weighted(adultAgeBands);
    const birthYear = asOf.getUTCFullYear() - (minor ? rng.int(14, 17) : rng.int(minAge, maxAge));
    return {
      victim: {
        id: ids.next('v'),
        alias: uniqueAlias(rng, aliases, home.names, gender),
        birthYear,
        gender,
        nationalities,
        languages: languages(rng, home.languages),
        minor,
        region,
        exploitationForms: forms,
        stage: Stage.IDENTIFIED,
        coordinator: `coord-${region.toLowerCase()}-${rng.int(1, coordinatorsPerRegion[region])}`,
        identifiedAt: identifiedAt.toISOString(),
        identifyingAgency: rng.weighted(identifyingAgencyWeights[minor ? 'MINOR' : 'ADULT']),
        indicatorsPresent: indicators(rng, forms, minor, eea),
        acceptedAssistance: rng.chance(0.7),
      },
      identifiedAt,
      eea,
      reflectionEndsSoon: false,
      assistanceDecidedAt: identifiedAt,
      cooperationSince: null,
      testimonyAt: null,
      returnRequestedAt: null,
      leftAt: null,
      guardianSince: null,
    };
  });
  placeReflectionPeriodsEndingSoon(rng, people, asOf);
  return people;
}

/** Every nationality at least once (so the demo shows forty-odd), the rest by weight. */
function nationalityPool(rng: SeededRandom, count: number): string[] {
  const everyOnce = rng.shuffle(countries.map((x) => x.code)).slice(0, count);
  const weights = countries.map((x) => [x.code, x.weight] as const);
  const rest = Array.from({ length: count - everyOnce.length }, () => rng.weighted(weights));
  return rng.shuffle([...everyOnce, ...rest]);
}

function exploitationForms(rng: SeededRandom, gender: Gender, minor: boolean): ExploitationForm[] {
  const adultKey = gender === Gender.FEMALE ? 'WOMEN' : gender === Gender.MALE ? 'MEN' : 'OTHER';
  const weights = formWeights[minor ? (gender === Gender.FEMALE ? 'GIRLS' : 'BOYS') : adultKey];
  const primary = rng.weighted(weights);
  if (!rng.chance(0.15)) return [primary];
  return [primary, rng.weighted(weights.filter(([form]) => form !== primary))];
}

function languages(rng: SeededRandom, spoken: readonly string[]): string[] {
  const out = [spoken[0] as string];
  for (const lang of spoken.slice(1)) if (rng.chance(0.5)) out.push(lang);
  if (!out.includes('en') && rng.chance(0.25)) out.push('en');
  return out;
}

function indicators(rng: SeededRandom, forms: readonly ExploitationForm[], minor: boolean, eea: boolean): string[] {
  const chanceOf = (code: string): number => {
    let p = indicatorBase[code] ?? 0;
    for (const form of forms) p += indicatorBoost[form]?.[code] ?? 0;
    if (code === 'V1') p = eea ? 0.05 : 0.65;
    if (code === 'V2') p = minor ? 0.8 : 0;
    return Math.min(p, 0.95);
  };
  const present = new Set(nationalIndicators.filter((i) => rng.chance(chanceOf(i.code))).map((i) => i.code));
  // An identification rests on several indicators: top up with the likeliest ones.
  const likeliest = [...nationalIndicators].sort((a, b) => chanceOf(b.code) - chanceOf(a.code));
  for (const i of likeliest) if (present.size < 3) present.add(i.code);
  return nationalIndicators.map((i) => i.code).filter((code) => present.has(code));
}

function uniqueAlias(rng: SeededRandom, used: Set<string>, group: NameGroup, gender: Gender): string {
  const names = aliasFirstNames[group];
  const anyName = [...names.women, ...names.men];
  const firstNames = gender === Gender.MALE ? names.men : gender === Gender.FEMALE ? names.women : anyName;
  for (let attempt = 0; ; attempt++) {
    const pool = attempt < 50 ? firstNames : anyName;
    const alias = `${rng.pick(pool)} ${rng.pick(initials)}.`;
    if (!used.has(alias) || attempt > 500) {
      used.add(alias);
      return alias;
    }
  }
}

/**
 * A handful of non-EEA adults identified about six months before `asOf`, so that their reflection period
 * (granted two days after identification) ends within the next 30 days and the deadline alert shows.
 */
function placeReflectionPeriodsEndingSoon(rng: SeededRandom, people: Person[], asOf: Date): void {
  const candidates = rng.shuffle(people.filter((p) => !p.eea && !p.victim.minor));
  for (const person of candidates.slice(0, rng.int(3, 4))) {
    const grantedDay = addDays(addMonths(startOfUtcDay(asOf), -6), rng.int(6, 22));
    const identifiedAt = new Date(addDays(grantedDay, -2).getTime() + rng.int(8 * 60, 16 * 60) * 60000);
    person.identifiedAt = identifiedAt;
    person.victim.identifiedAt = identifiedAt.toISOString();
    person.reflectionEndsSoon = true;
  }
}
