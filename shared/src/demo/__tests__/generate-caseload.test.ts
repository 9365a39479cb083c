import { Agency, ExploitationForm, Gender, Region, Stage, SupportEventKind } from '../../domain/enums';
import { indicatorCodes } from '../../domain/indicators';
import type { Caseload, ShelterRecord, VictimRecord } from '../caseload-types';
import { generateCaseload } from '../generate-caseload';

const DAY = 86_400_000;
const asOf = new Date('2025-06-15T00:00:00Z');
const T = asOf.getTime();
const ms = (iso: string): number => Date.parse(iso);

/** EU + EEA countries, written out here so that the test does not trust the generator's own table. */
const EEA = new Set('AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '));

function byVictim<T extends { victimId: string }>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) out.set(r.victimId, [...(out.get(r.victimId) ?? []), r]);
  return out;
}

/** Six calendar months later, the day clamped to the end of a shorter month, same time of day. */
function isSixMonthsLater(from: string, to: string): boolean {
  const a = new Date(from);
  const b = new Date(to);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  const lastDayOfB = new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + 1, 0)).getUTCDate();
  const day = b.getUTCDate() === a.getUTCDate() || (b.getUTCDate() < a.getUTCDate() && b.getUTCDate() === lastDayOfB);
  return months === 6 && day && from.slice(10) === to.slice(10);
}

function shelterTakes(shelter: ShelterRecord, v: VictimRecord): boolean {
  if (v.minor) return shelter.accepts.includes('MINORS');
  if (v.gender === Gender.FEMALE) return shelter.accepts.includes('WOMEN');
  if (v.gender === Gender.MALE) return shelter.accepts.includes('MEN');
  return shelter.accepts.includes('WOMEN') && shelter.accepts.includes('MEN');
}

/** Shelters that are over capacity at some moment up to `asOf` (occupancy only rises when someone arrives). */
function sheltersEverOverCapacity(c: Caseload): ShelterRecord[] {
  return c.socialServices.shelters.filter((s) => {
    const stays = c.socialServices.placements.filter((p) => p.shelterId === s.id);
    return stays.some((arrival) => {
      const t = ms(arrival.from);
      return stays.filter((p) => ms(p.from) <= t && (p.until === null || ms(p.until) > t)).length > s.capacity;
    });
  });
}

function hasGuardianAt(c: Caseload, victimId: string, at: number): boolean {
  return c.childWelfare.guardians.some(
    (g) => g.victimId === victimId && ms(g.appointedAt) <= at && (!g.endedAt || ms(g.endedAt) > at),
  );
}

const caseload = generateCaseload({ asOf });
const victims = caseload.coordination.victims;
const share = (n: number): number => n / victims.length;

describe('generateCaseload: determinism and options', () => {
  it('gives byte-identical output for the same seed and asOf', () => {
    expect(JSON.stringify(generateCaseload({ seed: 2009, asOf }))).toBe(JSON.stringify(caseload));
  });

  it('gives a different caseload for a different seed or asOf', () => {
    expect(JSON.stringify(generateCaseload({ seed: 2010, asOf }))).not.toBe(JSON.stringify(caseload));
    const later = generateCaseload({ asOf: new Date(T + 30 * DAY) });
    expect(later.asOf).toBe('2025-07-15T00:00:00.000Z');
    expect(later.coordination.victims[0]?.identifiedAt).not.toBe(victims[0]?.identifiedAt);
  });

  it('uses neither Math.random nor the clock when asOf is given', () => {
    const random = jest.spyOn(Math, 'random');
    const now = jest.spyOn(Date, 'now');
    generateCaseload({ seed: 5, asOf });
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    random.mockRestore();
    now.mockRestore();
  });

  it('defaults to 300 victims as of the start of today (UTC) and honours the victims option', () => {
    const before = new Date();
    const dflt = generateCaseload();
    const startOf = (d: Date): string => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString();
    expect([startOf(before), startOf(new Date())]).toContain(dflt.asOf);
    expect(dflt.coordination.victims).toHaveLength(300);
    expect(generateCaseload({ asOf, victims: 50 }).coordination.victims).toHaveLength(50);
  });

  it('generates well under a second', () => {
    const started = process.hrtime.bigint();
    generateCaseload({ seed: 11, asOf });
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(800);
  });
});

describe('generateCaseload: distributions like the national reports', () => {
  it('has about 300 victims, three in four of them women', () => {
    expect(victims.length).toBeGreaterThanOrEqual(280);
    expect(victims.length).toBeLessThanOrEqual(320);
    const women = share(victims.filter((v) => v.gender === Gender.FEMALE).length);
    expect(women).toBeGreaterThan(0.68);
    expect(women).toBeLessThan(0.82);
  });

  it('has about one minor in ten, with birth years that agree with the minor flag at asOf', () => {
    expect(share(victims.filter((v) => v.minor).length)).toBeGreaterThan(0.06);
    expect(share(victims.filter((v) => v.minor).length)).toBeLessThan(0.15);
    for (const v of victims) {
      const yearsSinceBirth = asOf.getUTCFullYear() - v.birthYear;
      if (v.minor) expect(yearsSinceBirth).toBeLessThanOrEqual(17);
      else expect(yearsSinceBirth).toBeGreaterThanOrEqual(19);
    }
  });

  it('has forty-odd nationalities, Nigeria the most common, with a matching language', () => {
    const counts = new Map<string, number>();
    for (const v of victims) for (const n of v.nationalities) counts.set(n, (counts.get(n) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(40);
    expect([...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('NG');
    const mainLanguage: Record<string, string> = { NG: 'en', RO: 'ro', BG: 'bg', VN: 'vi', TH: 'th', PL: 'pl', LT: 'lt', AL: 'sq', ER: 'ti', CN: 'zh', BR: 'pt' };
    for (const v of victims) {
      expect(v.nationalities.every((n) => /^[A-Z]{2}$/.test(n))).toBe(true);
      expect(v.languages.every((l) => /^[a-z]{2}$/.test(l))).toBe(true);
      const expected = mainLanguage[v.nationalities[0] as string];
      if (expected) expect(v.languages).toContain(expected);
    }
  });

  it('has sexual exploitation most common among women and forced labour among men, one or two forms each', () => {
    const mostCommon = (gender: Gender): string => {
      const counts = new Map<string, number>();
      for (const v of victims.filter((x) => x.gender === gender)) for (const f of v.exploitationForms) counts.set(f, (counts.get(f) ?? 0) + 1);
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    };
    expect(mostCommon(Gender.FEMALE)).toBe(ExploitationForm.SEXUAL_EXPLOITATION);
    expect(mostCommon(Gender.MALE)).toBe(ExploitationForm.FORCED_LABOUR);
    const forms = new Set(victims.flatMap((v) => v.exploitationForms));
    for (const f of [ExploitationForm.BEGGING, ExploitationForm.FORCED_CRIMINAL_ACTIVITY, ExploitationForm.DOMESTIC_SERVITUDE]) expect(forms).toContain(f);
    for (const v of victims) {
      expect(v.exploitationForms.length).toBeGreaterThanOrEqual(1);
      expect(v.exploitationForms.length).toBeLessThanOrEqual(2);
      expect(new Set(v.exploitationForms).size).toBe(v.exploitationForms.length);
    }
  });

  it('spreads victims over every region, Oslo the largest, and over the two years before asOf', () => {
    const perRegion = Object.values(Region).map((r) => victims.filter((v) => v.region === r).length);
    expect(Math.min(...perRegion)).toBeGreaterThan(0);
    expect(Math.max(...perRegion)).toBe(victims.filter((v) => v.region === Region.OSLO).length);
    for (const v of victims) {
      expect(ms(v.identifiedAt)).toBeLessThan(T);
      expect(ms(v.identifiedAt)).toBeGreaterThanOrEqual(T - 731 * DAY);
      expect(v.indicatorsPresent.length).toBeGreaterThanOrEqual(3);
      expect(v.indicatorsPresent.every((code) => indicatorCodes.has(code))).toBe(true);
    }
  });

  it('has about 70% accepting assistance, about 35% cooperating with the police and about 8% returning', () => {
    expect(share(victims.filter((v) => v.acceptedAssistance).length)).toBeGreaterThan(0.6);
    expect(share(victims.filter((v) => v.acceptedAssistance).length)).toBeLessThan(0.8);
    expect(share(caseload.police.cooperation.length)).toBeGreaterThan(0.27);
    expect(share(caseload.police.cooperation.length)).toBeLessThan(0.45);
    expect(share(caseload.immigration.returns.length)).toBeGreaterThan(0.04);
    expect(share(caseload.immigration.returns.length)).toBeLessThan(0.12);
  });

  it('uses invented pseudonyms and pseudonymous ids, never anything like a national id number', () => {
    for (const v of victims) {
      expect(v.id).toMatch(/^v-[0-9a-f]{8}$/);
      expect(v.alias).toMatch(/^\p{Lu}\p{Ll}+ [A-Z]\.$/u);
    }
    expect(JSON.stringify(caseload)).not.toMatch(/\d{11}/);
  });

  it('has about a dozen shelters across regions, few for men, a couple long-term', () => {
    const { shelters } = caseload.socialServices;
    expect(shelters.length).toBeGreaterThanOrEqual(10);
    expect(shelters.length).toBeLessThanOrEqual(14);
    expect(new Set(shelters.map((s) => s.region)).size).toBeGreaterThanOrEqual(5);
    const forMen = shelters.filter((s) => s.accepts.includes('MEN')).length;
    expect(forMen).toBeGreaterThan(0);
    expect(forMen).toBeLessThanOrEqual(4);
    expect(shelters.filter((s) => s.longTerm).length).toBeGreaterThanOrEqual(2);
  });

  it('has about forty problem reports from NGOs and local units, some about a victim', () => {
    const reports = caseload.coordination.problemReports;
    expect(reports.length).toBeGreaterThanOrEqual(30);
    expect(reports.length).toBeLessThanOrEqual(50);
    expect(reports.some((r) => r.reportedByAgency === Agency.NGO)).toBe(true);
    expect(reports.some((r) => r.reportedByAgency === Agency.COORDINATION)).toBe(true);
    expect(reports.filter((r) => r.victimId).length).toBeGreaterThan(5);
  });
});

describe.each([
  ['the default seed', 2009, asOf],
  ['seed 7', 7, new Date('2024-02-29T00:00:00Z')],
  ['seed 424242', 424242, new Date('2026-01-01T00:00:00Z')],
])('generateCaseload: every agency agrees (%s)', (_name, seed, at) => {
  const c = generateCaseload({ seed, asOf: at });
  const now = at.getTime();
  const vs = new Map(c.coordination.victims.map((v) => [v.id, v]));
  const victimOf = (id: string): VictimRecord => {
    const v = vs.get(id);
    if (!v) throw new Error(`no victim ${id}`);
    return v;
  };
  const cooperation = new Map(c.police.cooperation.map((x) => [x.victimId, x.since]));
  const investigations = new Map(c.police.investigations.map((i) => [i.id, i]));
  const testimonies = byVictim(c.police.testimonies);
  const reflections = byVictim(c.immigration.reflectionPeriods);
  const permits = byVictim(c.immigration.permits);
  const returns = byVictim(c.immigration.returns);

  it('gives every record an existing victim and a unique id with its own prefix', () => {
    const prefixed: [string, { id: string }[]][] = [
      ['v', c.coordination.victims], ['cs', c.coordination.consents], ['ev', c.coordination.supportEvents],
      ['pr', c.coordination.problemReports], ['inv', c.police.investigations], ['tm', c.police.testimonies],
      ['rp', c.immigration.reflectionPeriods], ['pm', c.immigration.permits], ['ret', c.immigration.returns],
      ['sh', c.socialServices.shelters], ['pl', c.socialServices.placements], ['ms', c.socialServices.measures],
      ['ha', c.health.assessments], ['gd', c.childWelfare.guardians], ['cw', c.childWelfare.measures],
    ];
    const all = prefixed.flatMap(([prefix, records]) => records.map((r) => {
      expect(r.id).toMatch(new RegExp(`^${prefix}-[0-9a-f]{8}$`));
      return r.id;
    }));
    expect(new Set(all).size).toBe(all.length);
    const withVictim = [
      ...c.coordination.consents, ...c.coordination.supportEvents, ...c.police.investigations, ...c.police.cooperation,
      ...c.police.testimonies, ...c.immigration.reflectionPeriods, ...c.immigration.permits, ...c.immigration.returns,
      ...c.socialServices.placements, ...c.socialServices.measures, ...c.socialServices.assistanceDecisions,
      ...c.health.summaries, ...c.health.assessments, ...c.childWelfare.guardians, ...c.childWelfare.measures,
      ...c.coordination.problemReports.filter((r) => r.victimId !== null),
    ];
    for (const r of withVictim) expect(vs.has(r.victimId as string)).toBe(true);
  });

  it('records assistance once per victim, agreeing with the victim record', () => {
    expect(c.socialServices.assistanceDecisions).toHaveLength(vs.size);
    for (const d of c.socialServices.assistanceDecisions) expect(d.accepted).toBe(victimOf(d.victimId).acceptedAssistance);
  });

  it('gives every cooperating victim an investigation and moves cases forward in order', () => {
    const investigated = new Set(c.police.investigations.map((i) => i.victimId));
    for (const victimId of cooperation.keys()) expect(investigated.has(victimId)).toBe(true);
    for (const i of c.police.investigations) {
      expect(ms(i.openedAt)).toBeGreaterThanOrEqual(ms(i.reportedAt));
      const charged = ['CHARGED', 'PROSECUTED', 'CONVICTED', 'ACQUITTED'].includes(i.status);
      expect(i.chargedAt !== null).toBe(charged);
      expect(i.verdictAt !== null).toBe(i.status === 'CONVICTED' || i.status === 'ACQUITTED');
      if (i.chargedAt) expect(ms(i.chargedAt)).toBeGreaterThan(ms(i.openedAt));
      if (i.verdictAt) expect(ms(i.verdictAt)).toBeGreaterThan(ms(i.chargedAt as string));
    }
    expect(c.police.investigations.some((i) => i.status === 'CONVICTED')).toBe(true);
  });

  it('takes testimony only from cooperating victims whose case went to court', () => {
    expect(c.police.testimonies.length).toBeGreaterThan(0);
    for (const t of c.police.testimonies) {
      const i = investigations.get(t.investigationId);
      expect(i?.victimId).toBe(t.victimId);
      expect(['PROSECUTED', 'CONVICTED', 'ACQUITTED']).toContain(i?.status);
      expect(cooperation.has(t.victimId)).toBe(true);
      expect(ms(t.givenAt)).toBeGreaterThan(ms(i?.chargedAt as string));
      if (i?.verdictAt) expect(ms(t.givenAt)).toBeLessThanOrEqual(ms(i.verdictAt));
    }
  });

  it('grants most non-EEA victims a reflection period of exactly six months soon after identification', () => {
    const nonEea = c.coordination.victims.filter((v) => !v.nationalities.some((n) => EEA.has(n)));
    expect(nonEea.filter((v) => reflections.has(v.id)).length / nonEea.length).toBeGreaterThan(0.7);
    for (const r of c.immigration.reflectionPeriods) {
      expect(isSixMonthsLater(r.grantedAt, r.endsAt)).toBe(true);
      const sinceIdentified = ms(r.grantedAt) - ms(victimOf(r.victimId).identifiedAt);
      expect(sinceIdentified).toBeGreaterThan(0);
      expect(sinceIdentified).toBeLessThan(23 * DAY);
    }
  });

  it('grants temporary permits (up to a year) only to cooperating victims, after the reflection period', () => {
    const temporary = c.immigration.permits.filter((p) => p.type === 'TEMPORARY_RESIDENCE');
    expect(temporary.some((p) => p.decision === 'GRANTED')).toBe(true);
    expect(c.immigration.permits.some((p) => p.decision !== 'GRANTED')).toBe(true);
    for (const p of temporary) {
      const since = cooperation.get(p.victimId);
      expect(since).toBeDefined();
      expect(ms(p.appliedAt)).toBeGreaterThanOrEqual(ms(since as string));
      expect(p.decidedAt === null).toBe(p.decision === 'PENDING');
      if (p.decision !== 'GRANTED') continue;
      for (const r of reflections.get(p.victimId) ?? []) expect(ms(p.validFrom as string)).toBeGreaterThanOrEqual(ms(r.endsAt));
      const until = new Date(p.validFrom as string);
      until.setUTCFullYear(until.getUTCFullYear() + 1);
      expect(ms(p.validUntil as string)).toBeLessThanOrEqual(until.getTime());
    }
  });

  it('grants permanent residence only to victims who gave evidence in court', () => {
    for (const p of c.immigration.permits.filter((x) => x.type === 'PERMANENT_RESIDENCE')) {
      const given = (testimonies.get(p.victimId) ?? []).map((t) => ms(t.givenAt));
      expect(given.length).toBeGreaterThan(0);
      expect(ms(p.appliedAt)).toBeGreaterThan(Math.min(...given));
      expect(p.validUntil).toBeNull();
    }
  });

  it('sets each stage from the records: returned, permanent, valid temporary permit, reflection, identified', () => {
    for (const v of c.coordination.victims) {
      const ps = (permits.get(v.id) ?? []).filter((p) => p.decision === 'GRANTED' && ms(p.decidedAt as string) <= now);
      const expected = (returns.get(v.id) ?? []).some((r) => r.completedAt && ms(r.completedAt) <= now) ? Stage.RETURNED
        : ps.some((p) => p.type === 'PERMANENT_RESIDENCE') ? Stage.PERMANENT_RESIDENCE
          : ps.some((p) => p.type === 'TEMPORARY_RESIDENCE' && ms(p.validFrom as string) <= now && ms(p.validUntil as string) > now) ? Stage.TEMPORARY_RESIDENCE
            : (reflections.get(v.id) ?? []).some((r) => ms(r.grantedAt) <= now && ms(r.endsAt) > now) ? Stage.REFLECTION_PERIOD
              : Stage.IDENTIFIED;
      expect(`${v.id} ${v.stage}`).toBe(`${v.id} ${expected}`);
    }
    expect(new Set(c.coordination.victims.map((v) => v.stage)).size).toBe(Object.values(Stage).length);
  });

  it('places only victims who accepted assistance, only where they are taken in, one bed at a time', () => {
    const shelters = new Map(c.socialServices.shelters.map((s) => [s.id, s]));
    const placements = byVictim(c.socialServices.placements);
    for (const [victimId, stays] of placements) {
      const v = victimOf(victimId);
      expect(v.acceptedAssistance).toBe(true);
      const sorted = [...stays].sort((a, b) => ms(a.from) - ms(b.from));
      sorted.forEach((p, k) => {
        expect(shelterTakes(shelters.get(p.shelterId) as ShelterRecord, v)).toBe(true);
        expect(ms(p.from)).toBeLessThanOrEqual(now);
        if (p.until) expect(ms(p.until)).toBeGreaterThan(ms(p.from));
        const next = sorted[k + 1];
        if (next) expect(p.until !== null && ms(p.until) <= ms(next.from)).toBe(true);
      });
      const left = (returns.get(victimId) ?? [])[0]?.completedAt;
      if (left) expect(sorted.every((p) => p.until !== null && ms(p.until) <= ms(left))).toBe(true);
    }
  });

  it('never exceeds a shelter capacity, except exactly one shelter over capacity at asOf', () => {
    const over = sheltersEverOverCapacity(c);
    expect(over).toHaveLength(1);
    const shelter = over[0] as ShelterRecord;
    const here = c.socialServices.placements.filter((p) => p.shelterId === shelter.id && ms(p.from) <= now && p.until === null);
    expect(here.length).toBeGreaterThan(shelter.capacity);
    const alerted = c.coordination.supportEvents.filter((e) => e.kind === SupportEventKind.SHELTER_OVER_CAPACITY).map((e) => e.victimId);
    expect(alerted.sort()).toEqual(here.map((p) => p.victimId).sort());
  });

  it('appoints guardians and decides child-welfare measures only for minors, leaving two to four without', () => {
    for (const g of c.childWelfare.guardians) {
      expect(victimOf(g.victimId).minor).toBe(true);
      expect(ms(g.appointedAt)).toBeGreaterThan(ms(victimOf(g.victimId).identifiedAt));
    }
    for (const m of c.childWelfare.measures) expect(victimOf(m.victimId).minor).toBe(true);
    const current = c.coordination.victims.filter((v) => v.minor && v.stage !== Stage.RETURNED);
    const without = current.filter((v) => !hasGuardianAt(c, v.id, now));
    expect(without.length).toBeGreaterThanOrEqual(2);
    expect(without.length).toBeLessThanOrEqual(4);
  });

  it('has health summaries and assessments for most victims, and a few unassessed after two weeks', () => {
    const assessed = new Set(c.health.assessments.map((a) => a.victimId));
    const summaries = new Set(c.health.summaries.map((s) => s.victimId));
    expect(summaries.size).toBe(c.health.summaries.length);
    expect(summaries.size / vs.size).toBeGreaterThan(0.9);
    expect(assessed.size / vs.size).toBeGreaterThan(0.85);
    for (const s of c.health.summaries) expect(s.assessmentDone).toBe(assessed.has(s.victimId));
    for (const a of c.health.assessments) {
      expect(summaries.has(a.victimId)).toBe(true);
      expect(a.notes.length).toBeGreaterThan(10);
      expect(a.findings.every((f) => /^[A-Z_]+$/.test(f))).toBe(true);
    }
    const overdue = c.coordination.victims.filter((v) => v.stage !== Stage.RETURNED && ms(v.identifiedAt) < now - 14 * DAY && !assessed.has(v.id));
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.length).toBeLessThanOrEqual(30);
  });

  it("records consents as given: minors' by their guardian, interpreters named, sensitive categories rare", () => {
    const consents = byVictim(c.coordination.consents);
    expect(consents.size / vs.size).toBeGreaterThan(0.8);
    for (const [victimId, list] of consents) {
      expect(list.length).toBeLessThanOrEqual(2);
      const v = victimOf(victimId);
      for (const cs of list) {
        expect(cs.givenBy).toBe(v.minor ? 'GUARDIAN' : 'VICTIM');
        if (v.minor) expect(c.childWelfare.guardians.some((g) => g.victimId === victimId && ms(g.appointedAt) <= ms(cs.recordedAt))).toBe(true);
        if (cs.form === 'WRITTEN') expect(cs.interpreterLanguage).toBeNull();
        else expect(v.languages).toContain(cs.interpreterLanguage);
        expect(ms(cs.validUntil)).toBeGreaterThan(ms(cs.validFrom));
        expect(ms(cs.recordedAt)).toBeGreaterThanOrEqual(ms(v.identifiedAt));
        if (cs.withdrawnAt) expect(ms(cs.withdrawnAt)).toBeGreaterThan(ms(cs.validFrom));
        expect(cs.recipients.length).toBeGreaterThan(0);
        expect(cs.purposes.length).toBeGreaterThan(0);
      }
    }
    const all = c.coordination.consents;
    expect(all.some((x) => x.withdrawnAt)).toBe(true);
    expect(all.some((x) => !x.withdrawnAt && ms(x.validUntil) <= now)).toBe(true);
    for (const category of ['SHELTER_LOCATION', 'HEALTH_DETAIL'] as const) {
      expect(all.filter((x) => x.categories.includes(category as never)).length / all.length).toBeLessThan(0.1);
    }
  });

  it('keeps every past fact at or before asOf', () => {
    const past = [
      ...c.coordination.supportEvents.map((e) => e.at), ...c.coordination.consents.map((x) => x.recordedAt),
      ...c.police.investigations.flatMap((i) => [i.reportedAt, i.openedAt, i.chargedAt, i.verdictAt, i.closedAt]),
      ...c.immigration.permits.map((p) => p.decidedAt), ...c.immigration.returns.map((r) => r.completedAt),
      ...c.socialServices.measures.flatMap((m) => [m.startedAt, m.endedAt]), ...c.health.summaries.map((s) => s.lastContactAt),
      ...c.childWelfare.guardians.map((g) => g.appointedAt), ...c.coordination.problemReports.map((r) => r.resolvedAt),
    ];
    for (const at of past) if (at !== null) expect(ms(at)).toBeLessThanOrEqual(now);
  });

  it('turns every milestone into one support event owned by its agency, with coarse summaries', () => {
    const events = c.coordination.supportEvents;
    const count = (kind: SupportEventKind): number => events.filter((e) => e.kind === kind).length;
    expect(count(SupportEventKind.IDENTIFIED)).toBe(vs.size);
    expect(count(SupportEventKind.COOPERATION_STARTED)).toBe(c.police.cooperation.length);
    expect(count(SupportEventKind.TESTIMONY_GIVEN)).toBe(c.police.testimonies.length);
    expect(count(SupportEventKind.HEALTH_ASSESSMENT)).toBe(c.health.assessments.length);
    expect(count(SupportEventKind.GUARDIAN_APPOINTED)).toBe(c.childWelfare.guardians.length);
    expect(count(SupportEventKind.RETURN_COMPLETED)).toBe(c.immigration.returns.filter((r) => r.completedAt).length);
    expect(count(SupportEventKind.SHELTER_PLACEMENT) + count(SupportEventKind.LONG_TERM_ACCOMMODATION)).toBe(c.socialServices.placements.length);
    const owner: Partial<Record<SupportEventKind, Agency>> = {
      IDENTIFIED: Agency.COORDINATION, CONSENT_WITHDRAWN: Agency.COORDINATION, VERDICT: Agency.POLICE,
      REFLECTION_PERIOD_GRANTED: Agency.IMMIGRATION, SHELTER_PLACEMENT: Agency.SOCIAL_SERVICES,
      HEALTH_ASSESSMENT: Agency.HEALTH, CHILD_WELFARE_MEASURE: Agency.CHILD_WELFARE,
    };
    const secrets = c.socialServices.shelters.flatMap((s) => [s.name, s.address]);
    const findings = new Set(c.health.assessments.flatMap((a) => a.findings));
    for (const e of events) {
      const expectedOwner = owner[e.kind];
      if (expectedOwner) expect(e.agency).toBe(expectedOwner);
      expect(secrets.some((s) => e.summary.includes(s))).toBe(false);
      expect([...findings].some((f) => e.summary.includes(f))).toBe(false);
    }
    const endsAt = new Map(c.immigration.reflectionPeriods.map((r) => [r.victimId, r.endsAt]));
    for (const e of events.filter((x) => x.kind === SupportEventKind.REFLECTION_PERIOD_GRANTED)) expect(e.dueAt).toBe(endsAt.get(e.victimId));
  });

  it('includes the victims that make each dashboard alert show', () => {
    const soon = (iso: string): boolean => ms(iso) > now && ms(iso) <= now + 30 * DAY;
    const reflectionEnding = c.immigration.reflectionPeriods.filter((r) => soon(r.endsAt) && victimOf(r.victimId).stage === Stage.REFLECTION_PERIOD);
    expect(reflectionEnding.length).toBeGreaterThanOrEqual(3);
    const consentExpiring = c.coordination.consents.filter((x) => !x.withdrawnAt && ms(x.validFrom) <= now && soon(x.validUntil));
    expect(consentExpiring.length).toBeGreaterThanOrEqual(3);
  });
});
