import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { Agency, Purpose, Role } from '@hub/shared';
import { type GraphQLResponse, type Identity, codes, queryAs } from '../support/client';
import { postgresUrl } from '../support/hub-info';

/**
 * The labour inspection subgraph through the gateway (its own process, started by the test hub like every
 * subgraph): inspectors record workplace inspections, sanctions, police referrals and back-pay claims through
 * the kit's one mutation path, each milestone shows on the support path at once, the labour case is read by its
 * own staff and by no one else without a consent, and its statistics are published under the small-cell rules.
 * Every test works on victims it identifies itself (the hub is shared with other test files).
 */

type Caller = Identity & { purpose: Purpose; justification?: string };
const coordinator: Caller = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
const emergency: Caller = { ...coordinator, purpose: Purpose.EMERGENCY, justification: 'Checking the path after an urgent call tonight' };
const inspector: Caller = { agency: Agency.LABOUR_INSPECTION, role: Role.INSPECTOR, purpose: Purpose.LABOUR_INSPECTION };
const police: Caller = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
const analyst: Caller = { agency: Agency.COORDINATION, role: Role.ANALYST, purpose: Purpose.STATISTICS };

const DAY = 86_400_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();
const DATABASE = 'hub_labour_inspection';

const M = {
  identify: 'mutation ($i: IdentifyVictimInput!) { identifyVictim(input: $i) { id } }',
  inspect: 'mutation ($i: RecordWorkplaceInspectionInput!) { recordWorkplaceInspection(input: $i) { id employer sector indicatorsFound } }',
  sanction: 'mutation ($i: ImposeSanctionInput!) { imposeSanction(input: $i) { id kind amountNok } }',
  refer: 'mutation ($i: ReferToPoliceInput!) { referToPolice(input: $i) { id policeDistrict } }',
  claim: 'mutation ($i: FileBackPayClaimInput!) { fileBackPayClaim(input: $i) { id status } }',
  decide: 'mutation ($i: DecideBackPayClaimInput!) { decideBackPayClaim(input: $i) { id status awardedNok decidedAt } }',
};
const LABOUR_CASE = `query ($id: ID!) { victim(id: $id) {
  workplaceInspections { id organisationNumber sector inspectedAt indicatorsFound }
  labourSanctions { kind amountNok } labourPoliceReferrals { inspectionId policeDistrict }
  backPayClaims { kind claimedNok status awardedNok }
} }`;

async function ok<T>(caller: Caller, mutation: string, variables: Record<string, unknown>): Promise<T> {
  const response = await queryAs<T>(caller, mutation, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}
function expectRefused(response: GraphQLResponse, code: string): void {
  expect(codes(response)).toEqual([code]);
  expect(response.data ?? null).toBeNull();
}

async function identify(): Promise<string> {
  const { identifyVictim } = await ok<{ identifyVictim: { id: string } }>(coordinator, M.identify, {
    i: {
      alias: `Labour test ${randomInt(1_000_000)}`, birthYear: 1988, gender: 'MALE', nationalities: ['RO'], languages: ['ro'],
      region: 'WEST', exploitationForms: ['FORCED_LABOUR'], identifiedAt: ago(20 * DAY), identifyingAgency: 'POLICE', indicatorsPresent: [],
    },
  });
  return identifyVictim.id;
}
const inspection = (victimId: string, overrides: Record<string, unknown> = {}) => ({
  victimId, employer: 'Vestkyst Bygg AS', organisationNumber: '912345678', sector: 'CONSTRUCTION', municipality: 'Bergen',
  inspectedAt: ago(10 * DAY), indicatorsFound: ['WITHHOLDING_OF_WAGES', 'RETENTION_OF_IDENTITY_DOCUMENTS'], ...overrides,
});

async function query<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: postgresUrl(database) });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}
const eventsOf = async (victimId: string): Promise<string[]> => {
  const path = await ok<{ victim: { supportPath: { events: { agency: string; kind: string }[] } } }>(
    emergency,
    'query ($id: ID!) { victim(id: $id) { supportPath { events { agency kind } } } }',
    { id: victimId },
  );
  return path.victim.supportPath.events.filter((e) => e.agency === Agency.LABOUR_INSPECTION).map((e) => e.kind);
};

describe('an inspector records a case of forced labour', () => {
  let victim: string;
  let inspectionId: string;
  beforeAll(async () => {
    victim = await identify();
  });

  it('records the inspection: on the support path at once, and read back by the inspector', async () => {
    const { recordWorkplaceInspection } = await ok<{ recordWorkplaceInspection: { id: string; sector: string; indicatorsFound: string[] } }>(
      inspector, M.inspect, { i: inspection(victim) },
    );
    inspectionId = recordWorkplaceInspection.id;
    expect(recordWorkplaceInspection).toMatchObject({ sector: 'CONSTRUCTION', indicatorsFound: ['WITHHOLDING_OF_WAGES', 'RETENTION_OF_IDENTITY_DOCUMENTS'] });
    expect(await eventsOf(victim)).toEqual(['WORKPLACE_INSPECTED']);
    const read = await ok<{ victim: { workplaceInspections: { id: string; organisationNumber: string }[] } }>(inspector, LABOUR_CASE, { id: victim });
    expect(read.victim.workplaceInspections.map((i) => [i.id, i.organisationNumber])).toEqual([[inspectionId, '912345678']]);
  });

  it('sanctions the employer: a fine needs its amount, an order has none', async () => {
    const at = ago(DAY);
    expectRefused(await queryAs(inspector, M.sanction, { i: { inspectionId, kind: 'COERCIVE_FINE', imposedAt: at } }), 'BAD_USER_INPUT');
    expectRefused(await queryAs(inspector, M.sanction, { i: { inspectionId, kind: 'ORDER', amountNok: 1000, imposedAt: at } }), 'BAD_USER_INPUT');
    expectRefused(await queryAs(inspector, M.sanction, { i: { inspectionId, kind: 'ORDER', imposedAt: ago(30 * DAY) } }), 'BAD_USER_INPUT');
    await ok(inspector, M.sanction, { i: { inspectionId, kind: 'COERCIVE_FINE', amountNok: 75_000, imposedAt: at } });
    await ok(inspector, M.sanction, { i: { inspectionId, kind: 'ORDER', imposedAt: ago(DAY / 2) } });
    // A sanction is the employer's, not a milestone of the victim's.
    expect(await eventsOf(victim)).toEqual(['WORKPLACE_INSPECTED']);
  });

  it('refers the findings to the police once', async () => {
    await ok(inspector, M.refer, { i: { inspectionId, policeDistrict: 'Vest', referredAt: ago(5 * DAY) } });
    expectRefused(await queryAs(inspector, M.refer, { i: { inspectionId, policeDistrict: 'Vest', referredAt: ago(4 * DAY) } }), 'CONFLICT');
    expect(await eventsOf(victim)).toEqual(['WORKPLACE_INSPECTED', 'REFERRED_TO_POLICE']);
  });

  it('files a back-pay claim and records the award, no more than was claimed and only once', async () => {
    const { fileBackPayClaim } = await ok<{ fileBackPayClaim: { id: string; status: string } }>(inspector, M.claim, {
      i: { victimId: victim, inspectionId, kind: 'BACK_PAY', claimedNok: 180_000, filedAt: ago(3 * DAY) },
    });
    expect(fileBackPayClaim.status).toBe('FILED');
    const claimId = fileBackPayClaim.id;
    expectRefused(await queryAs(inspector, M.decide, { i: { claimId, decision: 'AWARDED', awardedNok: 180_001 } }), 'BAD_USER_INPUT');
    expectRefused(await queryAs(inspector, M.decide, { i: { claimId, decision: 'AWARDED' } }), 'BAD_USER_INPUT');
    const { decideBackPayClaim } = await ok<{ decideBackPayClaim: { status: string; awardedNok: number } }>(inspector, M.decide, {
      i: { claimId, decision: 'AWARDED', awardedNok: 150_000 },
    });
    expect(decideBackPayClaim).toMatchObject({ status: 'AWARDED', awardedNok: 150_000 });
    expectRefused(await queryAs(inspector, M.decide, { i: { claimId, decision: 'REJECTED' } }), 'CONFLICT');
    expect(await eventsOf(victim)).toEqual(['WORKPLACE_INSPECTED', 'REFERRED_TO_POLICE', 'BACK_PAY_CLAIMED', 'BACK_PAY_DECIDED']);
    const read = await ok<{ victim: Record<string, unknown[]> }>(inspector, LABOUR_CASE, { id: victim });
    expect(read.victim.labourSanctions).toEqual([{ kind: 'COERCIVE_FINE', amountNok: 75_000 }, { kind: 'ORDER', amountNok: null }]);
    expect(read.victim.labourPoliceReferrals).toEqual([{ inspectionId, policeDistrict: 'Vest' }]);
    expect(read.victim.backPayClaims).toEqual([{ kind: 'BACK_PAY', claimedNok: 180_000, status: 'AWARDED', awardedNok: 150_000 }]);
  });

  it("refuses a claim tied to another victim's inspection as one that does not exist", async () => {
    const other = await identify();
    const response = await queryAs(inspector, M.claim, { i: { victimId: other, inspectionId, kind: 'COMPENSATION', claimedNok: 10_000, filedAt: ago(DAY) } });
    expectRefused(response, 'NOT_FOUND');
    expect(await query(DATABASE, 'SELECT id FROM back_pay_claim WHERE victim_id = $1', [other])).toEqual([]);
  });

  it('lets no one else write the labour case, and writes nothing then', async () => {
    const other = await identify();
    expectRefused(await queryAs(police, M.inspect, { i: inspection(other) }), 'FORBIDDEN');
    expectRefused(await queryAs({ ...inspector, purpose: Purpose.INVESTIGATION }, M.inspect, { i: inspection(other) }), 'FORBIDDEN');
    expectRefused(await queryAs(inspector, M.inspect, { i: inspection('v-00000000') }), 'NOT_FOUND');
    expectRefused(await queryAs(inspector, M.inspect, { i: inspection(other, { inspectedAt: new Date(Date.now() + DAY).toISOString() }) }), 'BAD_USER_INPUT');
    expect(await query(DATABASE, 'SELECT id FROM workplace_inspection WHERE victim_id = $1', [other])).toEqual([]);
    expect(await eventsOf(other)).toEqual([]);
  });

  it('shows the labour case to no other agency without a consent, and to an emergency', async () => {
    for (const caller of [coordinator, police]) {
      const response = await queryAs<{ victim: { workplaceInspections: unknown } }>(caller, 'query ($id: ID!) { victim(id: $id) { workplaceInspections { id } } }', { id: victim });
      expect(response.data?.victim.workplaceInspections ?? null).toBeNull();
      expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.category])).toEqual([['CONSENT_REQUIRED', 'LABOUR_CASE']]);
    }
    const read = await ok<{ victim: { workplaceInspections: { id: string }[] } }>(emergency, 'query ($id: ID!) { victim(id: $id) { workplaceInspections { id } } }', { id: victim });
    expect(read.victim.workplaceInspections.map((i) => i.id)).toEqual([inspectionId]);
  });
});

describe('labour inspection statistics', () => {
  /**
   * A year of the labour inspection's records that nothing else in the hub touches (2003), with k = 5:
   * - workplace A (construction): visits on 3 February (two victims found), 10, 17, 24, 25 and 26 February;
   * - workplace D (construction): seven visits, 1 to 7 May, one victim each;
   * - workplace B (agriculture): three visits, 1 to 3 July; workplace C (agriculture): five visits, 1 to 5 August.
   * By hand: visits Feb 6 (3 February counts once), May 7, Jul 3, Aug 5 — 21 in the year; victims Feb 7, May 7,
   * Jul 3, Aug 5 — 22; workplaces first inspected one each in Feb, May, Jul and Aug — 4.
   */
  const YEAR = 2003;
  const visits: [org: string, sector: string, days: string[], victimsAtFirst: number][] = [
    ['900000001', 'CONSTRUCTION', ['02-03', '02-10', '02-17', '02-24', '02-25', '02-26'], 2],
    ['900000004', 'CONSTRUCTION', ['05-01', '05-02', '05-03', '05-04', '05-05', '05-06', '05-07'], 1],
    ['900000002', 'AGRICULTURE', ['07-01', '07-02', '07-03'], 1],
    ['900000003', 'AGRICULTURE', ['08-01', '08-02', '08-03', '08-04', '08-05'], 1],
  ];
  const rows: unknown[][] = [];
  let n = 0;
  for (const [org, sector, days, atFirst] of visits) {
    days.forEach((day, i) => {
      for (let v = 0; v < (i === 0 ? atFirst : 1); v++) {
        n += 1;
        const id = String(n).padStart(4, '0');
        rows.push([`wi-stat${id}`, `v-5ta7${id}`, `Statistics employer ${org}`, org, sector, 'Bergen', `${YEAR}-${day}T${String(8 + v).padStart(2, '0')}:00:00Z`]);
      }
    });
  }
  const STATS = `query ($period: StatisticsPeriodInput!, $region: Region) { labourInspectionStatistics(period: $period, region: $region) {
    inspections { value suppressed } inspectionsBySector { key value suppressed } workplacesInspected { value suppressed }
    victimsFound { value suppressed } policeReferrals { value suppressed } backPayClaimsFiled { value suppressed }
  } }`;
  type Count = { value: number | null; suppressed: boolean };
  type Stats = { labourInspectionStatistics: Record<string, Count> & { inspectionsBySector: (Count & { key: string })[] } };
  const ask = async (period: Record<string, string>, region?: string) =>
    (await ok<Stats>(analyst, STATS, { period, region })).labourInspectionStatistics;
  const shown = (value: number): Count => ({ value, suppressed: false });
  const hidden: Count = { value: null, suppressed: true };
  const bySector = (construction: number, agriculture: number) => [
    { key: 'AGRICULTURE', ...shown(agriculture) },
    { key: 'CONSTRUCTION', ...shown(construction) },
    ...['CLEANING', 'HOSPITALITY', 'FISHERIES', 'MANUFACTURING', 'CAR_WASH', 'TRANSPORT', 'DOMESTIC_WORK', 'OTHER'].map((key) => ({ key, ...shown(0) })),
  ];

  beforeAll(async () => {
    expect(rows).toHaveLength(22);
    for (const row of rows) {
      await query(DATABASE, `INSERT INTO workplace_inspection (id, victim_id, employer, organisation_number, sector, municipality, inspected_at, indicators_found)
        VALUES ($1, $2, $3, $4, $5, $6, $7, ARRAY['DECEPTION'])`, row);
    }
  });
  afterAll(async () => {
    await query(DATABASE, `DELETE FROM workplace_inspection WHERE id LIKE 'wi-stat%'`);
  });

  it('publishes the year: 21 inspections, construction 13, agriculture 8, 22 victims; 4 workplaces are too few', async () => {
    const year = await ask({ year: String(YEAR) });
    expect(year.inspections).toEqual(shown(21));
    expect(year.inspectionsBySector).toEqual(bySector(13, 8));
    expect(year.victimsFound).toEqual(shown(22));
    expect(year.workplacesInspected).toEqual(hidden);
    expect([year.policeReferrals, year.backPayClaimsFiled]).toEqual([shown(0), shown(0)]);
  });

  it('publishes Q3 (8) but hides July (3) and August with it, which Q3 minus August would give away', async () => {
    const q3 = await ask({ quarter: `${YEAR}-Q3` });
    expect([q3.inspections, q3.victimsFound, q3.workplacesInspected]).toEqual([shown(8), shown(8), hidden]);
    expect(q3.inspectionsBySector).toEqual(bySector(0, 8));
    for (const month of ['07', '08']) {
      const m = await ask({ month: `${YEAR}-${month}` });
      expect([m.inspections, m.victimsFound, m.inspectionsBySector]).toEqual([hidden, hidden, []]);
    }
    const february = await ask({ month: `${YEAR}-02` });
    expect([february.inspections, february.victimsFound, february.workplacesInspected]).toEqual([shown(6), shown(7), hidden]);
  });

  it('withholds every count for a region: the whole country only', async () => {
    const oslo = await ask({ year: String(YEAR) }, 'OSLO');
    expect([oslo.inspections, oslo.workplacesInspected, oslo.victimsFound, oslo.policeReferrals, oslo.backPayClaimsFiled]).toEqual([
      hidden, hidden, hidden, hidden, hidden,
    ]);
    expect(oslo.inspectionsBySector).toEqual([]);
  });

  it('answers only the statistics roles, for purpose STATISTICS', async () => {
    for (const caller of [inspector, { ...inspector, purpose: Purpose.STATISTICS }, { ...analyst, purpose: Purpose.CASE_COORDINATION }]) {
      expect(codes(await queryAs(caller, STATS, { period: { year: String(YEAR) } }))).toEqual(['FORBIDDEN']);
    }
  });
});
