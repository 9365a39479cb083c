import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { Agency, AlertKind, Purpose, Role, Stage } from '@hub/shared';
import { type GraphQLResponse, type Identity, codes, queryAs } from '../support/client';
import { postgresUrl } from '../support/hub-info';

/**
 * Each agency writes its own records through the gateway, and the victim's support path shows the new
 * event at once. Bad input, unknown victims and callers without write rights are refused with a coded
 * error, and nothing is written (checked in each agency's database). Every test works on victims it
 * identifies itself: the hub is shared with other test files.
 */

type Caller = Identity & { purpose: Purpose; justification?: string };
const coordinator: Caller = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const emergency: Caller = { ...coordinator, purpose: Purpose.EMERGENCY, justification: 'Checking the path after an urgent call tonight' };
const police: Caller = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
const immigration: Caller = { agency: Agency.IMMIGRATION, role: Role.CASEWORKER, purpose: Purpose.PERMIT_PROCESSING };
const social: Caller = { agency: Agency.SOCIAL_SERVICES, role: Role.CASEWORKER, purpose: Purpose.SOCIAL_ASSISTANCE };
const health: Caller = { agency: Agency.HEALTH, role: Role.CLINICIAN, purpose: Purpose.CARE };
const childWelfare: Caller = { agency: Agency.CHILD_WELFARE, role: Role.CASEWORKER, purpose: Purpose.CHILD_PROTECTION };

const DAY = 86_400_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();
const later = (ms: number): string => new Date(Date.now() + ms).toISOString();
const caseNumber = (): string => `2026-TST-${String(randomInt(1_000_000)).padStart(6, '0')}`;
const UNKNOWN = 'v-00000000';

const M = {
  identify: 'mutation ($i: IdentifyVictimInput!) { identifyVictim(input: $i) { id minor } }',
  open: 'mutation ($i: OpenInvestigationInput!) { openInvestigation(input: $i) { id status } }',
  cooperate: 'mutation ($v: ID!, $since: DateTimeISO!) { recordCooperation(victimId: $v, since: $since) }',
  testify: 'mutation ($i: RecordTestimonyInput!) { recordTestimony(input: $i) { id } }',
  reflect: 'mutation ($v: ID!, $at: DateTimeISO!) { grantReflectionPeriod(victimId: $v, startsAt: $at) { id grantedAt endsAt } }',
  place: 'mutation ($v: ID!, $s: ID!, $from: DateTimeISO!) { placeInShelter(victimId: $v, shelterId: $s, from: $from) { id } }',
  assess: 'mutation ($i: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $i) { id } }',
  guardian: 'mutation ($v: ID!, $n: String!, $at: DateTimeISO!) { appointGuardian(victimId: $v, guardianName: $n, appointedAt: $at) { id } }',
};

const victimInput = (overrides: Record<string, unknown> = {}) => ({
  alias: `Mutation test ${randomInt(1_000_000)}`, birthYear: 1996, gender: 'FEMALE', nationalities: ['NG'], languages: ['en'],
  region: 'OSLO', exploitationForms: ['SEXUAL_EXPLOITATION'], identifiedAt: ago(20 * DAY), identifyingAgency: 'POLICE',
  indicatorsPresent: [], ...overrides,
});

const openInput = (victimId: string, overrides: Record<string, unknown> = {}) => ({
  victimId, caseNumber: caseNumber(), district: 'Oslo', offences: ['TRAFFICKING_257'], reportedAt: ago(DAY), ...overrides,
});
const assessInput = (victimId: string, overrides: Record<string, unknown> = {}) => ({
  victimId, assessedAt: ago(DAY), findings: [], notes: '', followUpNeeded: false, ...overrides,
});
const NO_HOLDINGS = { investigation: 0, cooperation: 0, reflection: 0, placement: 0, assessment: 0, guardian: 0, events: 0 };

async function identify(overrides: Record<string, unknown> = {}): Promise<{ id: string; minor: boolean }> {
  const response = await queryAs<{ identifyVictim: { id: string; minor: boolean } }>(coordinator, M.identify, { i: victimInput(overrides) });
  expect(response.errors).toBeUndefined();
  return response.data!.identifyVictim;
}

async function ok<T>(caller: Caller, mutation: string, variables: Record<string, unknown>): Promise<T> {
  const response = await queryAs<T>(caller, mutation, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

interface Path {
  stage: Stage;
  events: { at: string; agency: Agency; kind: string; summary: string }[];
  nextDeadline: { kind: string; dueAt: string } | null;
  alerts: { kind: AlertKind }[];
}
async function pathOf(id: string): Promise<Path> {
  const query = `query ($id: ID!) { victim(id: $id) { supportPath {
    stage events { at agency kind summary } nextDeadline { kind dueAt } alerts { kind }
  } } }`;
  return (await ok<{ victim: { supportPath: Path } }>(emergency, query, { id })).victim.supportPath;
}
const eventsOf = (path: Path, agency: Agency) => path.events.filter((e) => e.agency === agency).map((e) => e.kind);

/** Number of rows in a table of one agency's database. */
async function rows(database: string, sql: string, params: unknown[]): Promise<number> {
  const db = new Client({ connectionString: postgresUrl(database) });
  await db.connect();
  try {
    return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0]!.n);
  } finally {
    await db.end();
  }
}
/** Everything any agency holds about a victim, table by table. */
const holdings = async (victimId: string): Promise<Record<string, number>> => ({
  investigation: await rows('hub_police', 'investigation WHERE victim_id = $1', [victimId]),
  cooperation: await rows('hub_police', 'cooperation WHERE victim_id = $1', [victimId]),
  reflection: await rows('hub_immigration', 'reflection_period WHERE victim_id = $1', [victimId]),
  placement: await rows('hub_social_services', 'placement WHERE victim_id = $1', [victimId]),
  assessment: await rows('hub_health', 'health_assessment WHERE victim_id = $1', [victimId]),
  guardian: await rows('hub_child_welfare', 'guardianship WHERE victim_id = $1', [victimId]),
  events: await rows('hub_coordination', 'support_event WHERE victim_id = $1', [victimId]),
});

function expectRefused(response: GraphQLResponse, code: string, field?: string): void {
  expect(codes(response)).toEqual([code]);
  if (field) expect(response.errors![0]!.extensions?.field).toBe(field);
  expect(response.data ?? null).toBeNull();
}

let adult: { id: string };
let minor: { id: string };
beforeAll(async () => {
  adult = await identify();
  minor = await identify({ birthYear: new Date().getUTCFullYear() - 15, identifiedAt: ago(3 * DAY) });
});

describe('one flow per agency through the gateway', () => {
  it('coordination identifies a victim: the path starts with IDENTIFIED, minors flagged without a guardian', async () => {
    const path = await pathOf(adult.id);
    expect(path.stage).toBe(Stage.IDENTIFIED);
    expect(path.events.map((e) => [e.agency, e.kind])).toEqual([[Agency.COORDINATION, 'IDENTIFIED']]);
    expect(path.alerts.map((a) => a.kind)).toContain(AlertKind.NO_HEALTH_ASSESSMENT);
    expect(await rows('hub_coordination', 'victim WHERE id = $1 AND NOT minor', [adult.id])).toBe(1);
    const child = await pathOf(minor.id);
    expect(child.alerts.map((a) => a.kind)).toContain(AlertKind.MINOR_WITHOUT_GUARDIAN);
    expect(await rows('hub_coordination', 'victim WHERE id = $1 AND minor', [minor.id])).toBe(1);
  });

  it('police opens an investigation, records cooperation and testimony, each on the path', async () => {
    const { openInvestigation } = await ok<{ openInvestigation: { id: string; status: string } }>(police, M.open, {
      i: openInput(adult.id, { reportedAt: ago(10 * DAY) }),
    });
    expect(openInvestigation.status).toBe('UNDER_INVESTIGATION');
    expect(eventsOf(await pathOf(adult.id), Agency.POLICE)).toEqual(['INVESTIGATION_OPENED']);

    const since = ago(9 * DAY);
    expect((await ok<{ recordCooperation: boolean }>(police, M.cooperate, { v: adult.id, since })).recordCooperation).toBe(true);
    const cooperating = await pathOf(adult.id);
    expect(cooperating.events).toContainEqual(expect.objectContaining({ agency: Agency.POLICE, kind: 'COOPERATION_STARTED', at: since }));

    const givenAt = ago(DAY);
    await ok(police, M.testify, { i: { victimId: adult.id, investigationId: openInvestigation.id, court: 'Oslo tingrett', givenAt } });
    const testified = await pathOf(adult.id);
    expect(testified.events).toContainEqual(expect.objectContaining({ agency: Agency.POLICE, kind: 'TESTIMONY_GIVEN', at: givenAt }));
    expect(eventsOf(testified, Agency.POLICE).sort()).toEqual(['COOPERATION_STARTED', 'INVESTIGATION_OPENED', 'TESTIMONY_GIVEN']);
  });

  it('immigration grants the reflection period once; a second grant is a CONFLICT and writes nothing', async () => {
    const { grantReflectionPeriod: period } = await ok<{ grantReflectionPeriod: { grantedAt: string; endsAt: string } }>(
      immigration, M.reflect, { v: adult.id, at: ago(DAY) },
    );
    const path = await pathOf(adult.id);
    expect(path.stage).toBe(Stage.REFLECTION_PERIOD);
    const granted = { agency: Agency.IMMIGRATION, kind: 'REFLECTION_PERIOD_GRANTED', at: period.grantedAt };
    expect(path.events).toContainEqual(expect.objectContaining(granted));
    expect(path.nextDeadline).toEqual({ kind: 'REFLECTION_PERIOD_END', dueAt: period.endsAt });

    expectRefused(await queryAs(immigration, M.reflect, { v: adult.id, at: ago(0) }), 'CONFLICT');
    expect(await rows('hub_immigration', 'reflection_period WHERE victim_id = $1', [adult.id])).toBe(1);
    expect(eventsOf(await pathOf(adult.id), Agency.IMMIGRATION)).toEqual(['REFLECTION_PERIOD_GRANTED']);
  });

  it('social services places in a safe house; a full house or one that does not take the person is a CONFLICT', async () => {
    type Shelter = { id: string; accepts: string[]; longTerm: boolean; vacancies: number };
    const { shelters } = await ok<{ shelters: Shelter[] }>(social, '{ shelters { id accepts longTerm vacancies } }', {});
    // Takes in women: only the lack of a bed can refuse her.
    const full = shelters.find((s) => s.accepts.includes('WOMEN') && s.vacancies === 0);
    // With a free bed: only whom it takes in can refuse her.
    const forMenOnly = shelters.find((s) => !s.accepts.includes('WOMEN') && !s.accepts.includes('MINORS') && s.vacancies > 0);
    const free = [...shelters].sort((a, b) => b.vacancies - a.vacancies).find((s) => s.accepts.includes('WOMEN') && !s.longTerm);
    expect(full && forMenOnly && free && free.vacancies > 0).toBeTruthy();

    expectRefused(await queryAs(social, M.place, { v: adult.id, s: full!.id, from: ago(DAY) }), 'CONFLICT');
    expectRefused(await queryAs(social, M.place, { v: adult.id, s: forMenOnly!.id, from: ago(DAY) }), 'CONFLICT');
    expect(await rows('hub_social_services', 'placement WHERE victim_id = $1', [adult.id])).toBe(0);
    expect(eventsOf(await pathOf(adult.id), Agency.SOCIAL_SERVICES)).toEqual([]);

    await ok(social, M.place, { v: adult.id, s: free!.id, from: ago(DAY) });
    expect(await rows('hub_social_services', 'placement WHERE victim_id = $1 AND shelter_id = $2', [adult.id, free!.id])).toBe(1);
    expect(eventsOf(await pathOf(adult.id), Agency.SOCIAL_SERVICES)).toEqual(['SHELTER_PLACEMENT']);
  });

  it('health records an assessment: the path shows it, without findings, and the missing-assessment alert clears', async () => {
    const assessedAt = ago(2 * 3_600_000);
    await ok(health, M.assess, {
      i: { victimId: adult.id, assessedAt, findings: ['PTSD_SYMPTOMS'], notes: 'Sleeps badly; referred on.', followUpNeeded: true },
    });
    const path = await pathOf(adult.id);
    const event = path.events.find((e) => e.agency === Agency.HEALTH);
    expect(event).toMatchObject({ kind: 'HEALTH_ASSESSMENT', at: assessedAt });
    expect(event!.summary).not.toMatch(/PTSD|sleep/i);
    expect(path.alerts.map((a) => a.kind)).not.toContain(AlertKind.NO_HEALTH_ASSESSMENT);
  });

  it('child welfare appoints a guardian for a minor; an adult, whose age it may not read, answers as an unknown id and nothing is written', async () => {
    await ok(childWelfare, M.guardian, { v: minor.id, n: 'Guardian Test', at: ago(DAY) });
    const path = await pathOf(minor.id);
    expect(eventsOf(path, Agency.CHILD_WELFARE)).toEqual(['GUARDIAN_APPOINTED']);
    expect(path.alerts.map((a) => a.kind)).not.toContain(AlertKind.MINOR_WITHOUT_GUARDIAN);

    expectRefused(await queryAs(childWelfare, M.guardian, { v: adult.id, n: 'Guardian Test', at: ago(DAY) }), 'NOT_FOUND');
    expect(await rows('hub_child_welfare', 'guardianship WHERE victim_id = $1', [adult.id])).toBe(0);
  });
});

describe('refused writes leave nothing behind', () => {
  let untouched: { id: string };
  let nothing: Record<string, number>;
  beforeAll(async () => {
    untouched = await identify({ region: 'WEST' });
    nothing = await holdings(untouched.id);
    expect(nothing).toEqual({ ...NO_HOLDINGS, events: 1 });
  });
  afterEach(async () => {
    expect(await holdings(untouched.id)).toEqual(nothing);
  });

  it.each([
    ['birthYear', { birthYear: 1800 }],
    ['nationalities', { nationalities: ['Norway'] }],
    ['languages', { languages: ['Norwegian'] }],
    ['identifiedAt', { identifiedAt: later(2 * DAY) }],
  ])('identifyVictim refuses a bad %s with BAD_USER_INPUT naming it, registering no one', async (field, bad) => {
    const input = victimInput(bad);
    expectRefused(await queryAs(coordinator, M.identify, { i: input }), 'BAD_USER_INPUT', field);
    expect(await rows('hub_coordination', 'victim WHERE alias = $1', [input.alias])).toBe(0);
  });

  it.each([
    ['reportedAt', { reportedAt: later(2 * DAY) }],
    ['caseNumber', { caseNumber: 'OSL-42' }],
    ['offences', { offences: ['trafficking'] }],
  ])('openInvestigation refuses a bad %s with BAD_USER_INPUT naming it', async (field, bad) => {
    const input = openInput(untouched.id, bad);
    expectRefused(await queryAs(police, M.open, { i: input }), 'BAD_USER_INPUT', field);
    expect(await rows('hub_police', 'investigation WHERE case_number = $1', [input.caseNumber])).toBe(0);
  });

  it.each([
    ['startsAt', () => queryAs(immigration, M.reflect, { v: untouched.id, at: later(2 * DAY) })],
    ['from', () => queryAs(social, M.place, { v: untouched.id, s: 'sh-00000000', from: later(2 * DAY) })],
    ['findings', () => queryAs(health, M.assess, { i: assessInput(untouched.id, { findings: ['ptsd'] }) })],
    ['assessedAt', () => queryAs(health, M.assess, { i: assessInput(untouched.id, { assessedAt: later(2 * DAY) }) })],
    ['guardianName', () => queryAs(childWelfare, M.guardian, { v: untouched.id, n: 'X', at: ago(DAY) })],
    ['appointedAt', () => queryAs(childWelfare, M.guardian, { v: untouched.id, n: 'Guardian Test', at: later(2 * DAY) })],
  ])('refuses a bad %s with BAD_USER_INPUT naming it', async (field, send) => {
    expectRefused(await send(), 'BAD_USER_INPUT', field);
  });

  it.each([
    ['coordination', () => queryAs(coordinator, 'mutation ($v: ID!) { assignCoordinator(victimId: $v, coordinator: "c-x") { id } }', { v: UNKNOWN })],
    ['police', () => queryAs(police, M.open, { i: openInput(UNKNOWN) })],
    ['immigration', () => queryAs(immigration, M.reflect, { v: UNKNOWN, at: ago(DAY) })],
    ['social services', () => queryAs(social, M.place, { v: UNKNOWN, s: 'sh-00000000', from: ago(DAY) })],
    ['health', () => queryAs(health, M.assess, { i: assessInput(UNKNOWN) })],
    ['child welfare', () => queryAs(childWelfare, M.guardian, { v: UNKNOWN, n: 'Guardian Test', at: ago(DAY) })],
  ])('%s refuses an unknown victim id with NOT_FOUND and writes nothing', async (_agency, send) => {
    expectRefused(await send(), 'NOT_FOUND');
    expect(await holdings(UNKNOWN)).toEqual(NO_HOLDINGS);
  });

  it.each([
    ['a coordinator opening an investigation', () => queryAs(coordinator, M.open, { i: openInput(untouched.id) })],
    [
      'an investigator stating another purpose',
      () => queryAs({ ...police, purpose: Purpose.CASE_COORDINATION }, M.cooperate, { v: untouched.id, since: ago(DAY) }),
    ],
    ['the police granting a reflection period', () => queryAs(police, M.reflect, { v: untouched.id, at: ago(DAY) })],
    ['a clinician placing in a safe house', () => queryAs(health, M.place, { v: untouched.id, s: 'sh-00000000', from: ago(DAY) })],
    ['social services recording a health assessment', () => queryAs(social, M.assess, { i: assessInput(untouched.id) })],
    ['immigration appointing a guardian', () => queryAs(immigration, M.guardian, { v: untouched.id, n: 'Guardian Test', at: ago(DAY) })],
  ])('refuses %s with FORBIDDEN and writes nothing', async (_who, send) => {
    expectRefused(await send(), 'FORBIDDEN');
  });

  it('refuses identifyVictim by the police with FORBIDDEN, registering no one', async () => {
    const input = victimInput();
    expectRefused(await queryAs(police, M.identify, { i: input }), 'FORBIDDEN');
    expect(await rows('hub_coordination', 'victim WHERE alias = $1', [input.alias])).toBe(0);
  });
});
