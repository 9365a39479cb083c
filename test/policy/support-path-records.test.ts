import { Agency, AlertKind, DataCategory, Purpose, Region, Role } from '@hub/shared';
import { type GraphQLResponse, type Identity, queryAs } from '../support/client';
import { auditor, logIntegrated, uniqueAlias } from '../audit/audit-support';

/**
 * docs/architecture.md, "Derived values" and "The access log": a value derived from other data is logged like a
 * field, with the categories it was computed from. The support path's stage, deadlines and alerts are such values:
 * for each one the caller is shown, coordination's access record of the request names it as read and lists every
 * category it is computed from among the categories received; each one withheld for an input the caller may not
 * read is named as refused. A value that is derivable but does not fire (no reflection period ending, say) is read
 * too: its absence tells the caller what its inputs hold.
 *
 * The inputs below are written by hand from the declarations in
 * subgraphs/coordination/src/support-path/path-values.ts; the test reads the log as audit staff do (`accessLog`).
 */
type Caller = Identity & { purpose: Purpose };
const DAY = 86_400_000;
const coordinator: Caller = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const immigration: Caller = { agency: Agency.IMMIGRATION, role: Role.CASEWORKER, purpose: Purpose.PERMIT_PROCESSING };

const { CASE_STATUS, CHILD_WELFARE, CONSENT, HEALTH_SUMMARY, IDENTIFICATION, IDENTITY, IMMIGRATION, LABOUR_CASE, POLICE_CASE, RIGHTS_INFORMATION, SOCIAL } = DataCategory;

const PATH = `query Path($id: ID!) { victim(id: $id) { supportPath {
  stage events { agency kind } nextDeadline { kind dueAt } alerts { kind message } agencies { agency shared rightsInformationShared }
} } }`;

interface Path {
  stage: string;
  nextDeadline: { kind: string; dueAt: string } | null;
  alerts: { kind: AlertKind; message: string }[];
}

interface LoggedRecord {
  fields: string[];
  deniedFields: string[];
  categories: DataCategory[];
  receivedCategories: DataCategory[];
}

async function ok<T>(response: Promise<GraphQLResponse<T>>): Promise<T> {
  const answer = await response;
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

/** Coordination's record of one request about one victim, as audit staff read it through the gateway. */
async function coordinationRecord(requestId: string, victimId: string): Promise<LoggedRecord> {
  await logIntegrated();
  const data = await ok(
    queryAs<{ accessLog: { edges: { node: LoggedRecord }[] } }>(
      auditor,
      `query ($r: String, $v: ID) { accessLog(filter: { requestId: $r, victimId: $v, subgraph: "coordination", kind: "FIELD_ACCESS" }) {
         edges { node { fields deniedFields categories receivedCategories } } } }`,
      { r: requestId, v: victimId },
    ),
  );
  expect(data.accessLog.edges).toHaveLength(1);
  return data.accessLog.edges[0]!.node;
}

async function readPath(victimId: string): Promise<{ path: Path; record: LoggedRecord }> {
  const response = await queryAs<{ victim: { supportPath: Path } }>(coordinator, PATH, { id: victimId });
  expect(response.errors).toBeUndefined();
  return { path: response.data!.victim.supportPath, record: await coordinationRecord(response.requestId!, victimId) };
}

/** The record's entries for the support path's alerts and deadlines, one per kind. */
const derivedEntries = (fields: string[]): string[] => fields.filter((f) => /^SupportPath\.(alerts|nextDeadline):/.test(f)).sort();
const sorted = <T>(values: T[]): T[] => [...values].sort();

describe("the support path's access record names the inputs of every derived value it shows, and refuses the rest", () => {
  let victimId: string;

  beforeAll(async () => {
    // An adult identified 20 days ago: no health assessment, not informed of their rights. (A minor's consent needs a
    // guardian, whose appointment would end MINOR_WITHOUT_GUARDIAN; that alert is derivable here but does not fire.)
    const identified = await ok(
      queryAs<{ identifyVictim: { id: string } }>(coordinator, 'mutation ($input: IdentifyVictimInput!) { identifyVictim(input: $input) { id } }', {
        input: {
          alias: uniqueAlias('Path records'), birthYear: 1996, gender: 'FEMALE', nationalities: ['RO'], languages: ['ro'],
          region: Region.EAST, exploitationForms: ['BEGGING'], identifiedAt: new Date(Date.now() - 20 * DAY).toISOString(),
          identifyingAgency: Agency.POLICE, indicatorsPresent: [],
        },
      }),
    );
    victimId = identified.identifyVictim.id;
    // A reflection period (six months) that ends in about ten days.
    const startsAt = new Date();
    startsAt.setUTCMonth(startsAt.getUTCMonth() - 6);
    startsAt.setTime(startsAt.getTime() + 10 * DAY);
    await ok(queryAs(immigration, 'mutation ($v: ID!, $s: DateTimeISO!) { grantReflectionPeriod(victimId: $v, startsAt: $s) { id } }', { v: victimId, s: startsAt.toISOString() }));
    // A consent to the police that expires in 20 days.
    await ok(
      queryAs(coordinator, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: {
          victimId, recipients: [Agency.POLICE], categories: [IDENTITY], purposes: [Purpose.INVESTIGATION], validFrom: new Date(Date.now() - 3_600_000).toISOString(),
          validUntil: new Date(Date.now() + 20 * DAY).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
        },
      }),
    );
  });

  it("for a coordinator who reads the unit's own records only: the values of case status, identity and consents read, the others refused", async () => {
    const { path, record } = await readPath(victimId);
    // Shown: CONSENT_EXPIRING (CONSENT) and the consent's expiry (CONSENT); MINOR_WITHOUT_GUARDIAN (CASE_STATUS,
    // IDENTITY) is derived too, and says by its absence that the victim is no minor without a guardian.
    expect(path.stage).toBe('REFLECTION_PERIOD');
    expect(path.alerts.map((a) => a.kind)).toEqual([AlertKind.CONSENT_EXPIRING]);
    expect(path.nextDeadline?.kind).toBe('CONSENT_EXPIRY');

    expect(derivedEntries(record.fields)).toEqual([
      'SupportPath.alerts:CONSENT_EXPIRING',
      'SupportPath.alerts:MINOR_WITHOUT_GUARDIAN',
      'SupportPath.nextDeadline:CONSENT_EXPIRY',
    ]);
    // Withheld: each needs IMMIGRATION, HEALTH_SUMMARY, SOCIAL or every agency's RIGHTS_INFORMATION, which no rule opens here.
    expect(derivedEntries(record.deniedFields)).toEqual([
      'SupportPath.alerts:NO_HEALTH_ASSESSMENT',
      'SupportPath.alerts:REFLECTION_PERIOD_ENDING',
      'SupportPath.alerts:RIGHTS_NOT_INFORMED',
      'SupportPath.alerts:SHELTER_OVER_CAPACITY',
      'SupportPath.nextDeadline:PERMIT_EXPIRY',
      'SupportPath.nextDeadline:REFLECTION_PERIOD_END',
    ]);
    // Received: case status (the stage, coordination's events), identity and consents (the values derived), and the
    // unit's own rights information (its RIGHTS_INFORMED events, shared on the path). Not IDENTIFICATION: both
    // values computed from it (no health assessment, rights not informed) were withheld.
    expect(sorted(record.receivedCategories)).toEqual(sorted([CASE_STATUS, IDENTITY, CONSENT, RIGHTS_INFORMATION]));
    // Decided and refused besides: every other agency's event category.
    expect(sorted(record.categories)).toEqual(
      sorted([CASE_STATUS, IDENTITY, CONSENT, RIGHTS_INFORMATION, POLICE_CASE, IMMIGRATION, SOCIAL, HEALTH_SUMMARY, CHILD_WELFARE, LABOUR_CASE]),
    );
  });

  it("a path read for its stage alone names no agency's events or rights information: nothing of them left", async () => {
    const response = await queryAs<{ victim: { supportPath: { stage: string } } }>(coordinator, 'query ($id: ID!) { victim(id: $id) { supportPath { stage } } }', { id: victimId });
    expect(response.errors).toBeUndefined();
    expect(response.data!.victim.supportPath.stage).toBe('REFLECTION_PERIOD');
    const record = await coordinationRecord(response.requestId!, victimId);
    const pathEntries = [...record.fields, ...record.deniedFields].filter((f) => f.startsWith('SupportPath.')).sort();
    expect(pathEntries).toEqual(['SupportPath.stage']);
    expect(record.deniedFields).toEqual([]);
    // The stage's inputs only (path-values.ts): case status; no other agency's event category was decided.
    expect(sorted(record.categories)).toEqual(sorted([CASE_STATUS]));
  });

  it("for a coordinator the victim's consent lets read every input: every value read, each with its inputs", async () => {
    await ok(
      queryAs(coordinator, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: {
          victimId, recipients: [Agency.COORDINATION], categories: [IMMIGRATION, HEALTH_SUMMARY, SOCIAL, RIGHTS_INFORMATION], purposes: [Purpose.CASE_COORDINATION],
          validFrom: new Date(Date.now() - 60_000).toISOString(), validUntil: new Date(Date.now() + 90 * DAY).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
        },
      }),
    );
    const { path, record } = await readPath(victimId);
    expect(sorted(path.alerts.map((a) => a.kind))).toEqual(
      sorted([AlertKind.REFLECTION_PERIOD_ENDING, AlertKind.NO_HEALTH_ASSESSMENT, AlertKind.CONSENT_EXPIRING, AlertKind.RIGHTS_NOT_INFORMED]),
    );
    expect(path.nextDeadline?.kind).toBe('REFLECTION_PERIOD_END');

    expect(derivedEntries(record.fields)).toEqual([
      'SupportPath.alerts:CONSENT_EXPIRING',
      'SupportPath.alerts:MINOR_WITHOUT_GUARDIAN',
      'SupportPath.alerts:NO_HEALTH_ASSESSMENT',
      'SupportPath.alerts:REFLECTION_PERIOD_ENDING',
      'SupportPath.alerts:RIGHTS_NOT_INFORMED',
      'SupportPath.alerts:SHELTER_OVER_CAPACITY',
      'SupportPath.nextDeadline:CONSENT_EXPIRY',
      'SupportPath.nextDeadline:PERMIT_EXPIRY',
      'SupportPath.nextDeadline:REFLECTION_PERIOD_END',
    ]);
    expect(derivedEntries(record.deniedFields)).toEqual([]);
    // Every input of every value: REFLECTION_PERIOD_ENDING CASE_STATUS+IMMIGRATION, MINOR_WITHOUT_GUARDIAN
    // CASE_STATUS+IDENTITY, NO_HEALTH_ASSESSMENT CASE_STATUS+IDENTIFICATION+HEALTH_SUMMARY, CONSENT_EXPIRING CONSENT,
    // SHELTER_OVER_CAPACITY CASE_STATUS+SOCIAL, RIGHTS_NOT_INFORMED CASE_STATUS+IDENTIFICATION+RIGHTS_INFORMATION.
    expect(sorted(record.receivedCategories)).toEqual(sorted([CASE_STATUS, IDENTITY, IDENTIFICATION, CONSENT, IMMIGRATION, HEALTH_SUMMARY, SOCIAL, RIGHTS_INFORMATION]));
    // Refused besides: the events of the police, child welfare and the labour inspection, which the consent does not name.
    expect(sorted(record.categories)).toEqual(
      sorted([CASE_STATUS, IDENTITY, IDENTIFICATION, CONSENT, IMMIGRATION, HEALTH_SUMMARY, SOCIAL, RIGHTS_INFORMATION, POLICE_CASE, CHILD_WELFARE, LABOUR_CASE]),
    );
  });
});
