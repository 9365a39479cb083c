import { Agency, Purpose, Region, Role } from '@hub/shared';
import { codes, queryAs } from '../support/client';
import { type Asker, readVictim } from './read-victim';
import { type FixtureRecords, type VictimSpec, deleteVictims, insertVictims, newVictimId } from './victim-fixtures';

/**
 * Local staff (a token naming regions) read only victims the registry places in their regions; the policy
 * matrix uses national staff only, so the limit is checked here. Every fixture victim lives in OSLO.
 */

const victim: VictimSpec = { id: newVictimId(), alias: 'Region limits victim', minor: false, policeInvestigation: false, consents: [] };
let records: FixtureRecords;

beforeAll(async () => {
  records = await insertVictims([victim]);
});
afterAll(() => deleteVictims([victim.id]));

const coordinator = (regions: Region[], purpose: Purpose = Purpose.CASE_COORDINATION): Asker => ({
  agency: Agency.COORDINATION,
  role: Role.COORDINATOR,
  regions,
  purpose,
});

it('lets a local coordinator read a victim of their own region', async () => {
  const { response, decisions, problems } = await readVictim(coordinator([Region.OSLO]), victim, records);
  expect(problems).toEqual([]);
  expect(decisions.IDENTITY).toMatchObject({ allow: true, basis: { kind: 'OWN_RECORDS' } });
  expect(response.data?.v?.alias).toBe(victim.alias);
});

it('refuses every field of a victim outside the regions of a local coordinator with FORBIDDEN', async () => {
  const { response, decisions, problems } = await readVictim(coordinator([Region.EAST, Region.NORTH]), victim, records);
  expect(problems).toEqual([]);
  expect(Object.values(decisions).every((d) => !d.allow && d.code === 'FORBIDDEN')).toBe(true);
  expect(response.data?.v?.alias).toBeNull();
  expect(new Set(codes(response))).toEqual(new Set(['FORBIDDEN']));
});

it('gives local staff the same FORBIDDEN for an id the registry does not know', async () => {
  const unknown = { ...victim, id: newVictimId() };
  const { response } = await readVictim(coordinator([Region.EAST]), unknown, records);
  expect(response.data?.v?.alias).toBeNull();
  expect(response.errors?.find((e) => e.path?.join('.') === 'v.alias')?.extensions).toMatchObject({
    code: 'FORBIDDEN',
    category: 'IDENTITY',
  });
  expect(new Set(codes(response))).toEqual(new Set(['FORBIDDEN']));
});

it('lets an emergency override the region limit, except for HEALTH_DETAIL', async () => {
  const { response, decisions, problems } = await readVictim(coordinator([Region.EAST], Purpose.EMERGENCY), victim, records);
  expect(problems).toEqual([]);
  expect(decisions.SHELTER_LOCATION).toMatchObject({ allow: true, basis: { kind: 'EMERGENCY' }, review: true });
  expect(decisions.HEALTH_DETAIL).toMatchObject({ allow: false, code: 'FORBIDDEN' });
  expect(response.data?.v?.alias).toBe(victim.alias);
});

describe('the access log, which knows no victim\'s region', () => {
  const national = { agency: Agency.AUDIT, role: Role.AUDITOR, purpose: Purpose.AUDIT };
  const north = { ...national, regions: [Region.NORTH] };
  const reads = {
    accessLog: '{ accessLog(first: 5) { edges { node { seq victimId } } } }',
    emergencyReviewQueue: '{ emergencyReviewQueue(first: 5) { edges { node { seq victimId } } } }',
    reviewEmergencyAccess: 'mutation { reviewEmergencyAccess(seq: "1", outcome: JUSTIFIED, note: "Region limit test") { seq } }',
  };

  it.each(Object.entries(reads))('refuses %s to audit staff limited to a region: its records are about victims of every region', async (_name, document) => {
    const response = await queryAs(north, document);
    expect(response.data ?? null).toBeNull();
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });

  it('serves national audit staff', async () => {
    const response = await queryAs<{ accessLog: { edges: unknown[] } }>(national, reads.accessLog);
    expect(response.errors).toBeUndefined();
    expect(response.data!.accessLog.edges.length).toBeGreaterThan(0);
  });
});
