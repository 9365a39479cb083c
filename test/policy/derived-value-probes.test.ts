import type { DataSource } from 'typeorm';
import {
  AccessController,
  Agency,
  AlertKind,
  DataCategory,
  type DerivedValue,
  ExploitationForm,
  type HubCaller,
  Purpose,
  Region,
  Role,
  Stage,
  SupportEventKind,
} from '@hub/shared';
import { caseloadPage } from '@hub/coordination/src/caseload/caseload-query';
import { caseloadValues, filterValue } from '@hub/coordination/src/caseload/caseload-values';
import { loadVictimAccessFacts } from '@hub/coordination/src/internal/victim-access-facts';
import type { VictimFilter } from '@hub/coordination/src/resolvers/victim.types';
import { alertValues, deadlineValues, stageValue } from '@hub/coordination/src/support-path/path-values';
import { DeadlineKind } from '@hub/coordination/src/support-path/support-path';
import { supportPathFor } from '@hub/coordination/src/support-path/visible-support-path';
import { insertColumns, withCoordinationDatabase } from '../support/coordination-database';

/**
 * Issue 8, point 1: a probe GENERATED from the declarations. For every derived value the coordination subgraph
 * declares (support-path stage, alerts and deadlines; caseload listing, order, filters and count) and for each
 * category it declares as an input, a police investigator whose consents name every input but that one must not
 * see, match, sort by or count the value; with all of them named (the control) they must. Runs in-process on a
 * registry database of its own, through the same functions the resolvers call.
 */

const DAY = 86_400_000;
const now = new Date();
const at = (days: number) => new Date(now.getTime() + days * DAY);
const investigator: HubCaller = {
  sub: 'probe-investigator', agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION,
  regions: [], justification: null, requestId: 'derived-value-probe', via: 'gateway',
};

/** A: every alert, a reflection-period deadline and an expiring consent; B: a temporary permit. B's id sorts first, A is newer. */
const A = 'v-bbbbbbbb';
const B = 'v-aaaaaaaa';

async function seedFixtures(dataSource: DataSource): Promise<void> {
  const victims = [
    { id: A, minor: true, birth: now.getUTCFullYear() - 15, identifiedAt: at(-20) },
    { id: B, minor: false, birth: 1990, identifiedAt: at(-100) },
  ];
  await insertColumns(dataSource, 'victim', {
    id: { type: 'text', values: victims.map((v) => v.id) },
    alias: { type: 'text', values: victims.map((v) => `Probe ${v.id}`) },
    birth_year: { type: 'int', values: victims.map((v) => v.birth) },
    gender: { type: 'text', values: victims.map(() => 'FEMALE') },
    nationalities: { type: 'text[]', values: victims.map(() => ['RO']) },
    languages: { type: 'text[]', values: victims.map(() => ['ro']) },
    minor: { type: 'boolean', values: victims.map((v) => v.minor) },
    region: { type: 'text', values: victims.map(() => Region.NORTH) },
    exploitation_forms: { type: 'text[]', values: victims.map(() => [ExploitationForm.BEGGING]) },
    coordinator: { type: 'text', values: victims.map(() => 'coord-probe') },
    identified_at: { type: 'timestamptz', values: victims.map((v) => v.identifiedAt.toISOString()) },
    identifying_agency: { type: 'text', values: victims.map(() => Agency.POLICE) },
    indicators_present: { type: 'text[]', values: victims.map(() => ['V1']) },
  });
  const events: [string, Agency, SupportEventKind, Date, Date | null][] = [
    [A, Agency.COORDINATION, SupportEventKind.IDENTIFIED, at(-20), null],
    [A, Agency.IMMIGRATION, SupportEventKind.REFLECTION_PERIOD_GRANTED, at(-18), at(10)],
    [A, Agency.SOCIAL_SERVICES, SupportEventKind.SHELTER_PLACEMENT, at(-15), null],
    [A, Agency.SOCIAL_SERVICES, SupportEventKind.SHELTER_OVER_CAPACITY, at(-5), null],
    [B, Agency.COORDINATION, SupportEventKind.IDENTIFIED, at(-100), null],
    [B, Agency.IMMIGRATION, SupportEventKind.TEMPORARY_PERMIT_GRANTED, at(-10), at(100)],
  ];
  await insertColumns(dataSource, 'support_event', {
    id: { type: 'text', values: events.map((_, i) => `ev-probe-${i}`) },
    victim_id: { type: 'text', values: events.map((e) => e[0]) },
    agency: { type: 'text', values: events.map((e) => e[1]) },
    kind: { type: 'text', values: events.map((e) => e[2]) },
    at: { type: 'timestamptz', values: events.map((e) => e[3].toISOString()) },
    summary: { type: 'text', values: events.map((e) => e[2].toLowerCase()) },
    due_at: { type: 'timestamptz', values: events.map((e) => e[4]?.toISOString() ?? null) },
  });
}

/** Replaces every consent: A's and B's name the police's investigation and `categories`; A's expires in 10 days. */
async function consentTo(dataSource: DataSource, categories: DataCategory[]): Promise<void> {
  await dataSource.query('DELETE FROM consent_grant');
  const rows = [{ victim: A, until: at(10) }, { victim: B, until: at(200) }];
  await insertColumns(dataSource, 'consent_grant', {
    id: { type: 'text', values: rows.map((r) => `cs-probe-${r.victim}`) },
    victim_id: { type: 'text', values: rows.map((r) => r.victim) },
    recipients: { type: 'text[]', values: rows.map(() => [Agency.POLICE]) },
    categories: { type: 'text[]', values: rows.map(() => categories) },
    purposes: { type: 'text[]', values: rows.map(() => [Purpose.INVESTIGATION]) },
    valid_from: { type: 'timestamptz', values: rows.map(() => at(-1).toISOString()) },
    valid_until: { type: 'timestamptz', values: rows.map((r) => r.until.toISOString()) },
    given_by: { type: 'text', values: rows.map(() => 'GUARDIAN') },
    form: { type: 'text', values: rows.map(() => 'WRITTEN') },
    recorded_by: { type: 'text', values: rows.map(() => 'coord-probe') },
    recorded_at: { type: 'timestamptz', values: rows.map(() => at(-1).toISOString()) },
    given_at: { type: 'timestamptz', values: rows.map(() => at(-1).toISOString()) },
  });
}

/** A fresh request: new access decisions from the consents as they are now. */
function request(dataSource: DataSource) {
  const facts = loadVictimAccessFacts(dataSource);
  const access = new AccessController(investigator, async (id) => (await facts([id]))[0] ?? null, now);
  const path = async (victimId: string) => {
    // The support path is a CASE_STATUS field: refused as a whole without it (enforceCategories).
    if (!(await access.decide(victimId, DataCategory.CASE_STATUS)).allow) return null;
    const [victim] = (await dataSource.query('SELECT minor, identified_at FROM victim WHERE id = $1', [victimId])) as { minor: boolean; identified_at: Date }[];
    const events = (await dataSource.query('SELECT agency, kind, at, due_at AS "dueAt" FROM support_event WHERE victim_id = $1 ORDER BY at, id', [victimId])) as {
      agency: Agency; kind: SupportEventKind; at: Date; dueAt: Date | null;
    }[];
    const consents = (await dataSource.query(
      'SELECT valid_from AS "validFrom", valid_until AS "validUntil", withdrawn_at AS "withdrawnAt" FROM consent_grant WHERE victim_id = $1',
      [victimId],
    )) as { validFrom: Date; validUntil: Date; withdrawnAt: Date | null }[];
    return supportPathFor(access, victimId, { minor: victim!.minor, identifiedAt: victim!.identified_at, events, consents }, now);
  };
  const caseload = (filter: VictimFilter = {}) => caseloadPage(dataSource, investigator, { first: 100, filter }, now);
  return { path, caseload };
}
type Request = ReturnType<typeof request>;

/** Whether the filter finds A and counts it, with totalCount agreeing with the list. */
const findsA = async (r: Request, filter: VictimFilter): Promise<boolean> => {
  const page = await r.caseload(filter);
  expect(page.totalCount).toBe(page.ids.length);
  return page.ids.includes(A);
};

interface Probe { name: string; value: DerivedValue; shown: (r: Request) => Promise<boolean> }

/** One probe per declared value: how a caller would observe it. */
const probes: Probe[] = [
  { name: 'SupportPath.stage', value: stageValue, shown: async (r) => (await r.path(A))?.stage === Stage.REFLECTION_PERIOD },
  ...Object.values(AlertKind).map((kind): Probe => ({
    name: `SupportPath.alerts ${kind}`,
    value: alertValues[kind],
    shown: async (r) => ((await r.path(A))?.alerts ?? []).some((a) => a.kind === kind),
  })),
  ...Object.values(DeadlineKind).map((kind): Probe => ({
    name: `SupportPath.nextDeadline ${kind}`,
    value: deadlineValues[kind],
    shown: async (r) => [...((await r.path(A))?.deadlines ?? []), ...((await r.path(B))?.deadlines ?? [])].some((d) => d.kind === kind),
  })),
  { name: 'victims listed, totalCount', value: caseloadValues.listed, shown: (r) => findsA(r, {}) },
  {
    name: 'victims order by identification date',
    value: caseloadValues.byIdentification,
    shown: async (r) => {
      const page = await r.caseload();
      return page.order === 'IDENTIFICATION' && page.ids.join() === [A, B].join();
    },
  },
  { name: 'filter region', value: filterValue('region'), shown: (r) => findsA(r, { region: Region.NORTH }) },
  { name: 'filter minor', value: filterValue('minor'), shown: (r) => findsA(r, { minor: true }) },
  { name: 'filter exploitationForm', value: filterValue('exploitationForm'), shown: (r) => findsA(r, { exploitationForm: ExploitationForm.BEGGING }) },
  { name: 'filter stage', value: filterValue('stage'), shown: (r) => findsA(r, { stage: Stage.REFLECTION_PERIOD }) },
  ...Object.values(AlertKind).map((alert): Probe => ({ name: `filter alert ${alert}`, value: filterValue('alert', alert), shown: (r) => findsA(r, { alert }) })),
];

const everyInput = [...new Set(probes.flatMap((p) => p.value.inputs))];
const cases = probes.flatMap((probe) => probe.value.inputs.map((denied) => ({ probe, denied })));

describe('every derived value, with each of its input categories denied', () => {
  let dataSource: DataSource;
  let release: () => void;
  let done: Promise<void>;
  beforeAll(async () => {
    await new Promise<void>((ready) => {
      done = withCoordinationDatabase(async (ds) => {
        dataSource = ds;
        await seedFixtures(ds);
        ready();
        await new Promise<void>((resolve) => (release = resolve));
      });
    });
  });
  afterAll(async () => {
    release();
    await done;
  });

  it('probes every declared value: each alert and deadline kind, and every caseload value', () => {
    const names = probes.map((p) => p.name);
    for (const kind of Object.values(AlertKind)) expect(names).toContain(`filter alert ${kind}`);
    expect(Object.keys(alertValues).sort()).toEqual(Object.values(AlertKind).sort());
    expect(Object.keys(deadlineValues).sort()).toEqual(Object.values(DeadlineKind).sort());
    expect(probes.filter((p) => Object.values(caseloadValues).includes(p.value))).toHaveLength(Object.keys(caseloadValues).length);
    console.log(`${cases.length} derived-value probes (one per value and input category) over ${probes.length} declared values`);
  });

  it.each(probes.map((probe) => [probe.name, probe] as const))('shows %s when every input is readable (the control)', async (_name, probe) => {
    await consentTo(dataSource, everyInput);
    expect(await probe.shown(request(dataSource))).toBe(true);
  });

  it.each(cases.map(({ probe, denied }) => [probe.name, denied, probe] as const))('hides %s with %s denied', async (_name, denied, probe) => {
    await consentTo(dataSource, everyInput.filter((c) => c !== denied));
    expect(await probe.shown(request(dataSource))).toBe(false);
  });
});
