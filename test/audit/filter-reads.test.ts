/**
 * Every request that touches personal data leaves a record, including reads made to list, filter and order
 * (issue 8, point 4): a caseload page that returns nothing but ids still logs, per listed victim, that it was
 * listed (CASE_STATUS) and what each filter condition read — the categories written out here by hand from the
 * rules in docs/architecture.md ("Derived values").
 */
import { Agency, AlertKind, DataCategory, Purpose, Region, Role } from '@hub/shared';
import { queryAs } from '../support/client';
import { recordsOf } from './audit-support';

const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
type Page = { victims: { edges: { node: { id: string } }[] } };

async function coordinationRecords(requestId: string) {
  return (await recordsOf(requestId)).filter((r) => r.kind === 'FIELD_ACCESS' && r.service === 'coordination');
}

describe('reads made to list and filter the caseload are logged', () => {
  it('logs each victim of an ids-only page as listed, with CASE_STATUS', async () => {
    const response = await queryAs<Page>(coordinator, '{ victims(first: 5) { edges { node { id } } } }');
    const ids = response.data!.victims.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(5);
    const records = await coordinationRecords(response.requestId!);
    expect(records.map((r) => r.victim_id).sort()).toEqual([...ids].sort());
    for (const record of records) {
      expect(record.fields).toContain('Query.victims.listed');
      expect(record.categories).toContain(DataCategory.CASE_STATUS);
    }
  });

  it('logs what each filter condition read: minor → IDENTITY, region → CASE_STATUS, an alert → its inputs', async () => {
    const response = await queryAs<Page>(
      coordinator,
      'query ($f: VictimFilter) { victims(first: 3, filter: $f) { edges { node { id } } } }',
      { f: { minor: false, region: Region.OSLO, alert: AlertKind.CONSENT_EXPIRING } },
    );
    const ids = response.data!.victims.edges.map((e) => e.node.id);
    expect(ids.length).toBeGreaterThan(0);
    const records = await coordinationRecords(response.requestId!);
    expect(records.map((r) => r.victim_id).sort()).toEqual([...ids].sort());
    for (const record of records) {
      expect(record.fields).toEqual(expect.arrayContaining(['Query.victims.filter.minor', 'Query.victims.filter.region', 'Query.victims.filter.alert']));
      // minor reads IDENTITY; region CASE_STATUS; CONSENT_EXPIRING reads the consents (CONSENT).
      expect(record.categories).toEqual(expect.arrayContaining([DataCategory.IDENTITY, DataCategory.CASE_STATUS, DataCategory.CONSENT]));
    }
  });
});
