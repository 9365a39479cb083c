import type { DataSource } from 'typeorm';
import { Agency, DataCategory, ExploitationForm, Purpose, Region, SupportEventKind } from '@hub/shared';
import { insertColumns } from '../support/coordination-database';

/**
 * A registry of any size for scale tests, made by formula from each victim's number (so that an oracle can say
 * by hand what every caseload query must answer) and inserted column-wise in a handful of statements.
 */

const DAY = 86_400_000;
/** A small integer hash: attributes drawn from it are independent of each other and of the identification date. */
const draw = (i: number, salt: number, modulo: number): number => {
  let h = Math.imul(i ^ (salt * 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % modulo;
};

export interface SyntheticEvent {
  agency: Agency;
  kind: SupportEventKind;
  at: Date;
  dueAt: Date | null;
}
export interface SyntheticConsent {
  recipients: Agency[];
  categories: DataCategory[];
  purposes: Purpose[];
  validFrom: Date;
  validUntil: Date;
  withdrawnAt: Date | null;
}
export interface SyntheticVictim {
  id: string;
  region: Region;
  minor: boolean;
  forms: ExploitationForm[];
  identifiedAt: Date;
  identifyingAgency: Agency;
  events: SyntheticEvent[];
  consents: SyntheticConsent[];
}

const regions = Object.values(Region);
const forms = Object.values(ExploitationForm);

export function syntheticVictim(i: number, now: Date): SyntheticVictim {
  const identifiedAt = new Date(now.getTime() - draw(i, 1, 700) * DAY - draw(i, 2, 86_400) * 1000);
  const after = (days: number) => new Date(identifiedAt.getTime() + days * DAY);
  const minor = draw(i, 3, 10) === 0;
  const events: SyntheticEvent[] = [{ agency: Agency.COORDINATION, kind: SupportEventKind.IDENTIFIED, at: identifiedAt, dueAt: null }];
  const add = (agency: Agency, kind: SupportEventKind, at: Date, dueAt: Date | null = null) => {
    if (at <= now) events.push({ agency, kind, at, dueAt });
  };
  const path = draw(i, 4, 6);
  if (path <= 2) add(Agency.IMMIGRATION, SupportEventKind.REFLECTION_PERIOD_GRANTED, after(2), after(182));
  if (path === 1) add(Agency.IMMIGRATION, SupportEventKind.TEMPORARY_PERMIT_GRANTED, after(150), after(515));
  if (path === 3) add(Agency.IMMIGRATION, SupportEventKind.RETURN_COMPLETED, after(40));
  if (path === 4) add(Agency.IMMIGRATION, SupportEventKind.PERMANENT_PERMIT_GRANTED, after(20));
  if (draw(i, 5, 3) === 0) add(Agency.HEALTH, SupportEventKind.HEALTH_ASSESSMENT, after(5));
  if (draw(i, 6, 3) === 0) {
    add(Agency.SOCIAL_SERVICES, SupportEventKind.SHELTER_PLACEMENT, after(3));
    if (draw(i, 7, 3) === 0) add(Agency.SOCIAL_SERVICES, SupportEventKind.SHELTER_OVER_CAPACITY, after(9));
  }
  if (minor && draw(i, 8, 2) === 0) add(Agency.CHILD_WELFARE, SupportEventKind.GUARDIAN_APPOINTED, after(1));
  if (draw(i, 9, 4) === 0) add(Agency.POLICE, SupportEventKind.INVESTIGATION_OPENED, after(4));
  const consents: SyntheticConsent[] = [];
  if (draw(i, 10, 2) === 0) {
    const categories: DataCategory[] = [DataCategory.IDENTITY, DataCategory.CASE_STATUS];
    if (draw(i, 11, 2) === 0) categories.push(DataCategory.IDENTIFICATION);
    if (draw(i, 12, 3) === 0) categories.push(DataCategory.HEALTH_SUMMARY, DataCategory.IMMIGRATION, DataCategory.SOCIAL);
    const soon = draw(i, 13, 25) === 0;
    consents.push({
      recipients: [Agency.COORDINATION, Agency.POLICE, Agency.IMMIGRATION],
      categories,
      purposes: [Purpose.CASE_COORDINATION, Purpose.INVESTIGATION, Purpose.PERMIT_PROCESSING],
      validFrom: after(1),
      validUntil: soon ? new Date(now.getTime() + 10 * DAY) : after(400),
      withdrawnAt: draw(i, 14, 15) === 0 ? after(2) : null,
    });
  }
  return {
    id: `v-${i.toString(16).padStart(8, '0')}`,
    region: regions[draw(i, 15, regions.length)]!,
    minor,
    forms: [forms[draw(i, 16, forms.length)]!],
    identifiedAt,
    identifyingAgency: draw(i, 17, 5) === 0 ? Agency.NGO : Agency.POLICE,
    events,
    consents,
  };
}

/** Seeds `count` synthetic victims with their events and consents: four statements in all. */
export async function seedSyntheticRegistry(dataSource: DataSource, count: number, now: Date): Promise<SyntheticVictim[]> {
  const victims = Array.from({ length: count }, (_, i) => syntheticVictim(i, now));
  const column = <T>(type: string, of: (v: T) => unknown, rows: T[]) => ({ type, values: rows.map(of) });
  await insertColumns(dataSource, 'victim', {
    id: column('text', (v: SyntheticVictim) => v.id, victims),
    alias: column('text', (v: SyntheticVictim) => `Synthetic ${v.id}`, victims),
    birth_year: column('int', (v: SyntheticVictim) => (v.minor ? 2011 : 1990), victims),
    gender: column('text', () => 'FEMALE', victims),
    nationalities: column('text[]', () => ['RO'], victims),
    languages: column('text[]', () => ['ro'], victims),
    minor: column('boolean', (v: SyntheticVictim) => v.minor, victims),
    region: column('text', (v: SyntheticVictim) => v.region, victims),
    exploitation_forms: column('text[]', (v: SyntheticVictim) => v.forms, victims),
    coordinator: column('text', () => 'coord-synthetic', victims),
    identified_at: column('timestamptz', (v: SyntheticVictim) => v.identifiedAt.toISOString(), victims),
    identifying_agency: column('text', (v: SyntheticVictim) => v.identifyingAgency, victims),
    indicators_present: column('text[]', () => ['V1'], victims),
  });
  const events = victims.flatMap((v) => v.events.map((e, n) => ({ ...e, victimId: v.id, id: `ev-${v.id.slice(2)}-${n}` })));
  type E = (typeof events)[number];
  await insertColumns(dataSource, 'support_event', {
    id: column('text', (e: E) => e.id, events),
    victim_id: column('text', (e: E) => e.victimId, events),
    at: column('timestamptz', (e: E) => e.at.toISOString(), events),
    agency: column('text', (e: E) => e.agency, events),
    kind: column('text', (e: E) => e.kind, events),
    summary: column('text', (e: E) => e.kind.toLowerCase(), events),
    due_at: column('timestamptz', (e: E) => e.dueAt?.toISOString() ?? null, events),
  });
  const consents = victims.flatMap((v) => v.consents.map((c, n) => ({ ...c, victimId: v.id, id: `cs-${v.id.slice(2)}-${n}` })));
  type C = (typeof consents)[number];
  await insertColumns(dataSource, 'consent_grant', {
    id: column('text', (c: C) => c.id, consents),
    victim_id: column('text', (c: C) => c.victimId, consents),
    recipients: column('text[]', (c: C) => c.recipients, consents),
    categories: column('text[]', (c: C) => c.categories, consents),
    purposes: column('text[]', (c: C) => c.purposes, consents),
    valid_from: column('timestamptz', (c: C) => c.validFrom.toISOString(), consents),
    valid_until: column('timestamptz', (c: C) => c.validUntil.toISOString(), consents),
    given_by: column('text', () => 'VICTIM', consents),
    form: column('text', () => 'WRITTEN', consents),
    recorded_by: column('text', () => 'coord-synthetic', consents),
    recorded_at: column('timestamptz', (c: C) => c.validFrom.toISOString(), consents),
    given_at: column('timestamptz', (c: C) => c.validFrom.toISOString(), consents),
    withdrawn_at: column('timestamptz', (c: C) => c.withdrawnAt?.toISOString() ?? null, consents),
  });
  await dataSource.query('ANALYZE');
  return victims;
}
