import { Client } from 'pg';
import { Agency, AlertKind, Purpose, Role, Stage } from '@hub/shared';
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import { stageAt } from '@hub/shared/src/demo/stage';
import { type Identity, queryAs } from '../support/client';
import { TEST_AS_OF, TEST_SEED, postgresUrl } from '../support/hub-info';

/**
 * `victim(id) { supportPath }`: every agency's dated events merged into one timeline, the stage, the next
 * deadline and the alerts, and "not shared" for an agency whose events the caller may not see. The
 * expectations come from the agencies' own seed records (not from the support-path code) and from the
 * registry database.
 */

type Caller = Identity & { purpose: Purpose; justification?: string };
const coordinator: Caller = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const emergency: Caller = { ...coordinator, purpose: Purpose.EMERGENCY, justification: 'Victim reported missing from the safe house tonight' };
const investigator: Caller = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
const pathAgencies = [
  Agency.COORDINATION,
  Agency.POLICE,
  Agency.IMMIGRATION,
  Agency.SOCIAL_SERVICES,
  Agency.HEALTH,
  Agency.CHILD_WELFARE,
  Agency.LABOUR_INSPECTION,
];
const DAY = 86_400_000;

const seed = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF });
const asOf = TEST_AS_OF.getTime();

interface PathEvent { at: string; agency: Agency; kind: string; summary: string }
interface Path {
  stage: Stage;
  events: PathEvent[];
  nextDeadline: { kind: string; dueAt: string } | null;
  alerts: { kind: AlertKind; message: string }[];
  agencies: { agency: Agency; shared: boolean }[];
}
const PATH = `query Path($id: ID!) { victim(id: $id) { supportPath {
  stage events { at agency kind summary } nextDeadline { kind dueAt } alerts { kind message } agencies { agency shared }
} } }`;

async function pathOf(caller: Caller, id: string) {
  const response = await queryAs<{ victim: { supportPath: Path | null } | null }>(caller, PATH, { id });
  expect(response.errors).toBeUndefined();
  const path = response.data?.victim?.supportPath;
  if (!path) throw new Error(`no support path for ${id}`);
  return path;
}

async function registryEvents(victimId: string): Promise<PathEvent[]> {
  const db = new Client({ connectionString: postgresUrl('hub_coordination') });
  await db.connect();
  try {
    const { rows } = await db.query<{ at: Date; agency: Agency; kind: string; summary: string }>(
      'SELECT at, agency, kind, summary FROM support_event WHERE victim_id = $1',
      [victimId],
    );
    return rows.map((r) => ({ at: r.at.toISOString(), agency: r.agency, kind: r.kind, summary: r.summary }));
  } finally {
    await db.end();
  }
}

const byTime = (events: PathEvent[]): PathEvent[] =>
  [...events].sort((a, b) => a.at.localeCompare(b.at) || a.agency.localeCompare(b.agency) || a.kind.localeCompare(b.kind));

// --- what the agencies' seed records say, independently of the support-path code ---
const of = <T extends { victimId: string }>(rows: readonly T[], id: string): T[] => rows.filter((r) => r.victimId === id);
const history = (id: string) => ({
  reflectionPeriods: of(seed.immigration.reflectionPeriods, id),
  permits: of(seed.immigration.permits, id),
  returns: of(seed.immigration.returns, id),
});
/** The stage from immigration's records, for victims whose stage does not change during the test run. */
const settledStage = (id: string): Stage | null => {
  const atSeed = stageAt(history(id), TEST_AS_OF);
  return atSeed === stageAt(history(id), new Date(Date.now() + 3_600_000)) ? atSeed : null;
};
const latestBy = <T>(rows: T[], at: (r: T) => string): T | undefined => [...rows].sort((a, b) => at(b).localeCompare(at(a)))[0];
const activeConsents = (id: string, t: number) =>
  of(seed.coordination.consents, id).filter((c) => c.withdrawnAt === null && Date.parse(c.validFrom) <= t && Date.parse(c.validUntil) > t);

function expectedDeadline(id: string, stage: Stage, t: number): { kind: string; dueAt: string } | null {
  const deadlines: { kind: string; dueAt: string }[] = [];
  const reflection = latestBy(history(id).reflectionPeriods, (r) => r.grantedAt);
  if (stage === Stage.REFLECTION_PERIOD && reflection) deadlines.push({ kind: 'REFLECTION_PERIOD_END', dueAt: reflection.endsAt });
  const permit = latestBy(history(id).permits.filter((p) => p.type === 'TEMPORARY_RESIDENCE' && p.decision === 'GRANTED'), (p) => p.decidedAt!);
  if (stage === Stage.TEMPORARY_RESIDENCE && permit?.validUntil) deadlines.push({ kind: 'PERMIT_EXPIRY', dueAt: permit.validUntil });
  for (const c of activeConsents(id, t)) deadlines.push({ kind: 'CONSENT_EXPIRY', dueAt: c.validUntil });
  return deadlines.sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null;
}

const victims = seed.coordination.victims.filter((v) => settledStage(v.id) !== null);
const notReturned = victims.filter((v) => settledStage(v.id) !== Stage.RETURNED);
const inWindow = (iso: string, t: number) => Date.parse(iso) - t > 3_600_000 && Date.parse(iso) - t < 29 * DAY;
const hasAssessment = (id: string) => of(seed.health.assessments, id).some((a) => Date.parse(a.assessedAt) <= asOf);
const hasGuardian = (id: string) => of(seed.childWelfare.guardians, id).some((g) => Date.parse(g.appointedAt) <= asOf);
const current = seed.socialServices.placements.filter((p) => Date.parse(p.from) <= asOf && (p.until === null || Date.parse(p.until) > asOf));
const overfull = new Set(
  seed.socialServices.shelters.filter((s) => current.filter((p) => p.shelterId === s.id).length > s.capacity).map((s) => s.id),
);
const placedIn = (id: string, overCapacity: boolean) => current.some((p) => p.victimId === id && overfull.has(p.shelterId) === overCapacity);

/** For each alert: a victim whose records call for it, and one whose records do not. */
function alertCases(t: number): [AlertKind, string | undefined, string | undefined][] {
  const reflectionEnds = (id: string) => latestBy(history(id).reflectionPeriods, (r) => r.grantedAt)?.endsAt;
  const inReflection = notReturned.filter((v) => settledStage(v.id) === Stage.REFLECTION_PERIOD);
  const consenting = seed.coordination.victims.filter((v) => activeConsents(v.id, t).length > 0);
  const longAgo = notReturned.filter((v) => Date.parse(v.identifiedAt) < t - 15 * DAY);
  return [
    [
      AlertKind.REFLECTION_PERIOD_ENDING,
      inReflection.find((v) => inWindow(reflectionEnds(v.id)!, t))?.id,
      inReflection.find((v) => Date.parse(reflectionEnds(v.id)!) - t > 31 * DAY)?.id,
    ],
    [
      AlertKind.MINOR_WITHOUT_GUARDIAN,
      notReturned.find((v) => v.minor && !hasGuardian(v.id))?.id,
      notReturned.find((v) => v.minor && hasGuardian(v.id))?.id,
    ],
    [AlertKind.NO_HEALTH_ASSESSMENT, longAgo.find((v) => !hasAssessment(v.id))?.id, longAgo.find((v) => hasAssessment(v.id))?.id],
    [
      AlertKind.CONSENT_EXPIRING,
      consenting.find((v) => activeConsents(v.id, t).some((c) => inWindow(c.validUntil, t)))?.id,
      consenting.find((v) => activeConsents(v.id, t).every((c) => Date.parse(c.validUntil) - t > 31 * DAY))?.id,
    ],
    [AlertKind.SHELTER_OVER_CAPACITY, notReturned.find((v) => placedIn(v.id, true))?.id, notReturned.find((v) => placedIn(v.id, false))?.id],
  ];
}

describe('support path for a caller who may see every agency', () => {
  it("merges every agency's events into one timeline, oldest first", async () => {
    const agenciesOf = (id: string) => new Set(of(seed.coordination.supportEvents, id).map((e) => e.agency)).size;
    const victim = [...victims].sort((a, b) => agenciesOf(b.id) - agenciesOf(a.id))[0]!;
    expect(agenciesOf(victim.id)).toBeGreaterThanOrEqual(5);

    const path = await pathOf(emergency, victim.id);
    expect(path.agencies).toEqual(pathAgencies.map((agency) => ({ agency, shared: true })));
    const times = path.events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(byTime(path.events)).toEqual(byTime(await registryEvents(victim.id)));
    expect(new Set(path.events.map((e) => e.agency)).size).toBe(agenciesOf(victim.id));
    for (const e of of(seed.coordination.supportEvents, victim.id)) {
      expect(path.events).toContainEqual({ at: e.at, agency: e.agency, kind: e.kind, summary: e.summary });
    }
  });

  it.each(Object.values(Stage))('shows stage %s and the next deadline as the immigration and consent records give them', async (stage) => {
    const victim = victims.find((v) => settledStage(v.id) === stage);
    expect(victim).toBeDefined();
    const path = await pathOf(emergency, victim!.id);
    expect(path.stage).toBe(stage);
    expect(path.nextDeadline).toEqual(expectedDeadline(victim!.id, stage, Date.now()));
  });

  it.each(alertCases(Date.now()))(
    'raises %s for a victim whose records call for it, and not for one whose records do not',
    async (kind, withIt, without) => {
      expect(withIt).toBeDefined();
      expect(without).toBeDefined();
      expect((await pathOf(emergency, withIt!)).alerts.map((a) => a.kind)).toContain(kind);
      expect((await pathOf(emergency, without!)).alerts.map((a) => a.kind)).not.toContain(kind);
    },
  );

  it('says how many days are left when the reflection period is ending', async () => {
    const [, victimId] = alertCases(Date.now())[0]!;
    const endsAt = Date.parse(latestBy(history(victimId!).reflectionPeriods, (r) => r.grantedAt)!.endsAt);
    const before = Math.ceil((endsAt - Date.now()) / DAY);
    const alert = (await pathOf(emergency, victimId!)).alerts.find((a) => a.kind === AlertKind.REFLECTION_PERIOD_ENDING);
    const after = Math.ceil((endsAt - Date.now()) / DAY);
    const days = Number(/(\d+) days/.exec(alert?.message ?? '')?.[1]);
    expect(days).toBeLessThanOrEqual(before);
    expect(days).toBeGreaterThanOrEqual(after);
  });
});

describe('support path for a coordinator without consents', () => {
  // No seed consent names the coordinating unit as recipient: it sees only its own events.
  const noConsentToUs = seed.coordination.victims.filter(
    (v) => !of(seed.coordination.consents, v.id).some((c) => c.recipients.includes(Agency.COORDINATION)),
  );
  const policeHolds = (id: string) => of(seed.coordination.supportEvents, id).some((e) => e.agency === Agency.POLICE);
  const withPolice = noConsentToUs.find((v) => policeHolds(v.id))!;
  const withoutPolice = noConsentToUs.find(
    (v) => !policeHolds(v.id) && of(seed.police.investigations, v.id).length === 0 && of(seed.police.cooperation, v.id).length === 0,
  )!;
  const notShared = pathAgencies.map((agency) => ({ agency, shared: agency === Agency.COORDINATION }));

  it('marks every other agency "not shared" and leaves out its events', async () => {
    const path = await pathOf(coordinator, withPolice.id);
    expect(path.agencies).toEqual(notShared);
    const registry = await registryEvents(withPolice.id);
    expect(registry.some((e) => e.agency === Agency.POLICE)).toBe(true);
    expect(byTime(path.events)).toEqual(byTime(registry.filter((e) => e.agency === Agency.COORDINATION)));
  });

  it('answers the same for an agency whether or not it holds records about the victim', async () => {
    const holding = await queryAs(coordinator, PATH, { id: withPolice.id });
    const notHolding = await queryAs(coordinator, PATH, { id: withoutPolice.id });
    expect(holding.errors).toBeUndefined();
    expect(notHolding.errors).toBeUndefined();
    const agencies = (r: typeof holding) => (r.data as { victim: { supportPath: Path } }).victim.supportPath.agencies;
    expect(agencies(holding)).toEqual(agencies(notHolding));
    expect(agencies(holding).find((a) => a.agency === Agency.POLICE)).toEqual({ agency: Agency.POLICE, shared: false });
  });

  it("shows an agency's events from the request after a consent names it, and hides them again once withdrawn", async () => {
    const now = Date.now();
    const identified = await queryAs<{ identifyVictim: { id: string } }>(
      coordinator,
      'mutation Identify($input: IdentifyVictimInput!) { identifyVictim(input: $input) { id } }',
      {
        input: {
          alias: 'Consent path test', birthYear: 1994, gender: 'FEMALE', nationalities: ['RO'], languages: ['ro'],
          region: 'EAST', exploitationForms: ['FORCED_LABOUR'], identifiedAt: new Date(now - 2 * DAY).toISOString(),
          identifyingAgency: 'POLICE', indicatorsPresent: [],
        },
      },
    );
    expect(identified.errors).toBeUndefined();
    const victimId = identified.data!.identifyVictim.id;
    const opened = await queryAs(investigator, 'mutation Open($input: OpenInvestigationInput!) { openInvestigation(input: $input) { id } }', {
      input: {
        victimId, caseNumber: `2026-EAS-${String(now % 1_000_000).padStart(6, '0')}`, district: 'Øst',
        offences: ['TRAFFICKING_257'], reportedAt: new Date(now - DAY).toISOString(),
      },
    });
    expect(opened.errors).toBeUndefined();
    const policeEvents = (p: Path) => p.events.filter((e) => e.agency === Agency.POLICE).map((e) => e.kind);

    const before = await pathOf(coordinator, victimId);
    expect(before.agencies).toEqual(notShared);
    expect(policeEvents(before)).toEqual([]);

    const granted = await queryAs<{ grantConsent: { id: string } }>(
      coordinator,
      'mutation Grant($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
      {
        input: {
          victimId, recipients: ['COORDINATION'], categories: ['POLICE_CASE'], purposes: ['CASE_COORDINATION'],
          validFrom: new Date(now - 60_000).toISOString(), validUntil: new Date(now + 90 * DAY).toISOString(),
          givenBy: 'VICTIM', form: 'WRITTEN',
        },
      },
    );
    expect(granted.errors).toBeUndefined();
    const shared = await pathOf(coordinator, victimId);
    expect(shared.agencies).toEqual(pathAgencies.map((agency) => ({ agency, shared: agency === Agency.COORDINATION || agency === Agency.POLICE })));
    expect(policeEvents(shared)).toEqual(['INVESTIGATION_OPENED']);

    const withdrawn = await queryAs(coordinator, 'mutation Withdraw($id: ID!) { withdrawConsent(id: $id) { id } }', {
      id: granted.data!.grantConsent.id,
    });
    expect(withdrawn.errors).toBeUndefined();
    const after = await pathOf(coordinator, victimId);
    expect(after.agencies).toEqual(notShared);
    expect(policeEvents(after)).toEqual([]);
  });
});
