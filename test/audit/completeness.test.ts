/**
 * Completeness of the access log: for queries across roles, every categorised field an answer carries has
 * its FIELD_ACCESS record for that request id (victim, type, field) with the right basis; every refused field
 * has a record listing it as denied with DENIED:<code>; no record holds a value; and the gateway wrote
 * exactly one OPERATION record per request, refused requests included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GraphQLObjectType, buildSchema, getNamedType, isObjectType } from 'graphql';
import { Agency, DataCategory, Purpose, categoryOf } from '@hub/shared';
import { type GraphQLResponse, type Identity, codes, post, queryAs, tokenFor } from '../support/client';
import { testHub } from '../support/hub-info';
import {
  type AuditRow,
  auditor,
  clinician,
  coordinator,
  emergency,
  grantConsent,
  identifyVictim,
  investigator,
  openInvestigation,
  logIntegrated,
  recordsOf,
  uniqueAlias,
  withAuditDb,
} from './audit-support';

const supergraph = buildSchema(readFileSync(join(__dirname, '../../gateway/supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
const queryType = supergraph.getQueryType()!;

interface Access {
  victimId: string | null;
  typeName: string;
  field: string;
  category: DataCategory;
}

type Json = Record<string, unknown>;

/** The victim an object is about, as the subgraphs see it: a Victim by id, others by victimId or their enclosing victim. */
const victimOf = (type: GraphQLObjectType, value: Json, enclosing: string | null): string | null =>
  type.name === 'Victim' ? (value.id as string) : 'victimId' in value ? ((value.victimId as string | null) ?? null) : enclosing;

/** Every non-null categorised field of an answer, found by walking it alongside the supergraph. */
function accessesIn(type: GraphQLObjectType, value: unknown, enclosing: string | null, out: Access[] = []): Access[] {
  if (Array.isArray(value)) {
    for (const item of value) accessesIn(type, item, enclosing, out);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const object = value as Json;
  const victimId = victimOf(type, object, enclosing);
  for (const [key, child] of Object.entries(object)) {
    const field = type.getFields()[key];
    if (!field) throw new Error(`${type.name}.${key} is not in the supergraph (the walk does not support aliases)`);
    const category = categoryOf(field) as DataCategory | null;
    if (category && child !== null) out.push({ victimId, typeName: type.name, field: key, category });
    const named = getNamedType(field.type);
    if (isObjectType(named)) accessesIn(named, child, victimId, out);
  }
  return out;
}

/** The field an error's path names: its parent's type and victim, and the field. */
function refusedAt(data: unknown, path: readonly (string | number)[]): Omit<Access, 'category'> {
  let type: GraphQLObjectType = queryType;
  let value: unknown = data;
  let victimId: string | null = null;
  for (const segment of path.slice(0, -1)) {
    if (typeof segment === 'number') {
      value = (value as unknown[])[segment];
    } else {
      const named = getNamedType(type.getFields()[segment]!.type);
      if (!isObjectType(named)) throw new Error(`path ${path.join('.')} leaves the object types`);
      type = named;
      value = (value as Json)[segment];
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) victimId = victimOf(type, value as Json, victimId);
  }
  return { victimId, typeName: type.name, field: String(path[path.length - 1]) };
}

const fieldRecords = (records: AuditRow[]) => records.filter((r) => r.kind === 'FIELD_ACCESS');
const describe_ = (a: Omit<Access, 'category'>) => `${a.typeName}.${a.field} of ${a.victimId ?? 'no victim'}`;

/** String values that must never reach the log. */
const SENSITIVE = new Set(['alias', 'caseNumber', 'district', 'summary', 'message', 'name', 'address', 'notes', 'court']);
function sensitiveValues(value: unknown, key = '', out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => sensitiveValues(v, key, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) sensitiveValues(v, k, out);
  else if (typeof value === 'string' && SENSITIVE.has(key)) out.push(value);
  return out;
}

interface Scenario {
  who: Identity & { purpose: Purpose; justification?: string };
  query: string;
  variables?: Json;
  /** The basis each category read must have been allowed on. */
  basis: Partial<Record<DataCategory, string>>;
  /** Refusals the answer must contain (so that the refusal branch is exercised). */
  refusals?: number;
}

/** Runs a scenario and checks the log against the answer; returns the answer for further checks. */
async function checkScenario(s: Scenario): Promise<GraphQLResponse> {
  const response = await queryAs(s.who, s.query, s.variables ?? {});
  expect(response.status).toBe(200);
  expect(response.requestId).toBeTruthy();
  const records = await recordsOf(response.requestId!);
  const fieldAccess = fieldRecords(records);

  const accesses = accessesIn(queryType, response.data, null);
  expect(accesses.length).toBeGreaterThan(0);
  for (const access of accesses) {
    const record = fieldAccess.find(
      (r) => r.victim_id === access.victimId && (r.type_name ?? '').split(',').includes(access.typeName) && r.fields.includes(`${access.typeName}.${access.field}`),
    );
    if (!record) throw new Error(`no FIELD_ACCESS record for ${describe_(access)} in request ${response.requestId}`);
    expect(record.categories).toContain(access.category);
    expect({ field: describe_(access), basis: record.basis }).toEqual({
      field: describe_(access),
      basis: expect.arrayContaining([s.basis[access.category] ?? `no basis expected for ${access.category}`]),
    });
    expect(record).toMatchObject({ actor_agency: s.who.agency, actor_role: s.who.role, purpose: s.who.purpose });
    if (s.who.purpose === Purpose.EMERGENCY) expect(record.review_required).toBe(true);
  }
  // Nothing was allowed on a basis the scenario does not expect (refusals are DENIED:<code>).
  const allowedBases = new Set(Object.values(s.basis));
  for (const record of fieldAccess) {
    for (const basis of record.basis.filter((b) => !b.startsWith('DENIED:'))) expect(allowedBases).toContain(basis);
  }

  const refused = (response.errors ?? []).filter((e) => e.extensions?.category);
  expect(refused.length).toBe(s.refusals ?? 0);
  for (const error of refused) {
    const at = refusedAt(response.data, error.path!);
    const record = fieldAccess.find((r) => r.victim_id === at.victimId && (r.type_name ?? '').split(',').includes(at.typeName) && r.denied_fields.includes(`${at.typeName}.${at.field}`));
    if (!record) throw new Error(`no refusal record for ${describe_(at)} in request ${response.requestId}`);
    expect(record.basis).toContain(`DENIED:${String(error.extensions!.code)}`);
    expect(record.categories).toContain(error.extensions!.category);
  }

  const dump = await withAuditDb(
    async (db) => (await db.query<{ row: string }>(`SELECT row_to_json(r)::text AS row FROM audit_record r WHERE request_id = $1`, [response.requestId])).rows,
  );
  for (const value of sensitiveValues(response.data)) {
    for (const { row } of dump) expect(row.includes(value) ? `${value} found in ${row}` : 'absent').toBe('absent');
  }

  const operations = records.filter((r) => r.kind === 'OPERATION');
  expect(operations).toHaveLength(1);
  const codes = [...new Set((response.errors ?? []).map((e) => String(e.extensions?.code)))];
  expect(operations[0]).toMatchObject({
    service: 'gateway',
    actor_agency: s.who.agency,
    actor_role: s.who.role,
    purpose: s.who.purpose,
    outcome: codes.length === 0 ? 'OK' : `ERRORS:${codes.join(',')}`,
  });
  return response;
}

describe('the access log is complete for every answer', () => {
  let investigated: string;
  let consenting: string;
  let stranger: string;
  let consentId: string;

  beforeAll(async () => {
    investigated = await identifyVictim(uniqueAlias('Audit Investigated'));
    consenting = await identifyVictim(uniqueAlias('Audit Consenting'));
    stranger = await identifyVictim(uniqueAlias('Audit Stranger'));
    await openInvestigation(investigated);
    consentId = await grantConsent(consenting, Agency.POLICE, [DataCategory.IDENTITY, DataCategory.CASE_STATUS], Purpose.INVESTIGATION);
  });

  it("records a coordinator's caseload field by field, on the basis of the unit's own records", async () => {
    await checkScenario({
      who: coordinator,
      query: `{ victims(first: 8) { totalCount edges { node { id alias birthYear nationalities region exploitationForms
                identification { identifiedAt identifyingAgency indicators { code present } } consents { purposes } } } } }`,
      basis: { IDENTITY: 'OWN_RECORDS', CASE_STATUS: 'OWN_RECORDS', IDENTIFICATION: 'OWN_RECORDS', CONSENT: 'OWN_RECORDS' },
    });
  });

  it("records a coordinator's view of a support path, events and deadline included", async () => {
    await checkScenario({
      who: coordinator,
      query: `query ($id: ID!) { victim(id: $id) { id alias coordinator supportPath { stage events { at agency kind summary }
                nextDeadline { kind dueAt } alerts { kind message } agencies { agency shared } } } }`,
      variables: { id: investigated },
      basis: { IDENTITY: 'OWN_RECORDS', CASE_STATUS: 'OWN_RECORDS' },
    });
  });

  it('records what a police investigator reads of a victim in its own investigation, and what it is refused', async () => {
    await checkScenario({
      who: investigator,
      query: `query ($id: ID!) { victim(id: $id) { id alias investigations { caseNumber district status offences }
                cooperatesWithPolice region } }`,
      variables: { id: investigated },
      basis: { IDENTITY: 'LEGAL_RULE:POLICE_OWN_INVESTIGATION', POLICE_CASE: 'OWN_RECORDS' },
      refusals: 1,
    });
  });

  it('records a police read opened by consent with the consent id as its basis', async () => {
    await checkScenario({
      who: investigator,
      query: 'query ($id: ID!) { victim(id: $id) { id alias birthYear region identification { identifiedAt } investigations { id } } }',
      variables: { id: consenting },
      basis: { IDENTITY: `CONSENT:${consentId}`, CASE_STATUS: `CONSENT:${consentId}`, POLICE_CASE: 'OWN_RECORDS' },
      refusals: 1,
    });
  });

  it('records every field refused to a police investigator without consent', async () => {
    const response = await checkScenario({
      who: investigator,
      query: 'query ($id: ID!) { victim(id: $id) { id alias gender exploitationForms healthSummary { hasGp } investigations { id } } }',
      variables: { id: stranger },
      basis: { POLICE_CASE: 'OWN_RECORDS' },
      refusals: 4,
    });
    expect(new Set(response.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['CONSENT_REQUIRED']));
  });

  it('records an emergency access as EMERGENCY, flagged for review, and the refusal of health details', async () => {
    await checkScenario({
      who: emergency,
      query: `query ($id: ID!) { victim(id: $id) { id alias investigations { caseNumber } healthSummary { hasGp followUpNeeded }
                healthAssessments { notes } permits { type } placements { from } } }`,
      variables: { id: investigated },
      basis: {
        IDENTITY: 'EMERGENCY', POLICE_CASE: 'EMERGENCY', HEALTH_SUMMARY: 'EMERGENCY', IMMIGRATION: 'EMERGENCY', SOCIAL: 'EMERGENCY',
      },
      refusals: 1,
    });
  });

  it("records a clinician's own health records and the identity it is refused", async () => {
    await checkScenario({
      who: clinician,
      query: 'query ($id: ID!) { victim(id: $id) { id alias healthSummary { hasGp assessmentDone followUpNeeded } healthAssessments { id } } }',
      variables: { id: consenting },
      basis: { HEALTH_SUMMARY: 'OWN_RECORDS', HEALTH_DETAIL: 'OWN_RECORDS' },
      refusals: 1,
    });
  });

  it("records a coordinator's reading of a victim's access history on the data-subject rule", async () => {
    await checkScenario({
      who: coordinator,
      query: 'query ($id: ID!) { victim(id: $id) { id alias accessHistory { at purpose agency categories } } }',
      variables: { id: consenting },
      basis: { IDENTITY: 'OWN_RECORDS', ACCESS_LOG: 'LEGAL_RULE:DATA_SUBJECT_ACCESS' },
    });
  });

  it("records an auditor's reading of the log itself, record by record", async () => {
    const read = await queryAs(investigator, 'query ($id: ID!) { victim(id: $id) { id alias } }', { id: consenting });
    await logIntegrated();
    await checkScenario({
      who: auditor,
      query: `query ($r: String) { accessLog(filter: { requestId: $r }) { totalCount edges { node { seq victimId
                requestId subgraph typeName fields deniedFields categories decision basis kind outcome } } } }`,
      variables: { r: read.requestId },
      basis: { ACCESS_LOG: 'OWN_RECORDS' },
    });
  });

  it('counts requests refused for want of a token, and records them in aggregate rather than one record each', async () => {
    const since = new Date();
    const refused = [];
    for (let i = 0; i < 3; i++) {
      refused.push(await post(testHub().gatewayUrl, { query: '{ victims(first: 1) { totalCount } }' }, { 'x-purpose': Purpose.CASE_COORDINATION }));
    }
    expect(refused.map((r) => [r.status, codes(r)])).toEqual(Array(3).fill([401, ['UNAUTHENTICATED']]));
    for (const response of refused) expect(await recordsOf(response.requestId!)).toEqual([]);
    // Within the gateway's flush interval (10 s), one OPERATION record counts them all.
    let aggregate: { outcome: string }[] = [];
    for (let waited = 0; waited < 20_000 && aggregate.length === 0; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      aggregate = await withAuditDb(async (db) =>
        (await db.query<{ outcome: string }>(
          `SELECT outcome FROM audit_record WHERE kind = 'OPERATION' AND service = 'gateway' AND at >= $1 AND outcome LIKE 'REFUSED:UNAUTHENTICATED x%'`,
          [since],
        )).rows,
      );
    }
    const counted = aggregate.reduce((sum, r) => sum + Number(/ x(\d+) /.exec(r.outcome)?.[1] ?? 0), 0);
    expect(counted).toBeGreaterThanOrEqual(3);
    expect(aggregate[0]!.outcome).toMatch(/^REFUSED:UNAUTHENTICATED x\d+ from \d+ address(es)?$/);
  });

  it('records a request refused for want of a purpose as one OPERATION record, REFUSED:PURPOSE_REQUIRED', async () => {
    const token = await tokenFor({ agency: Agency.COORDINATION, role: coordinator.role });
    const response = await post(testHub().gatewayUrl, { query: '{ victims(first: 1) { totalCount } }' }, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    const records = await recordsOf(response.requestId!);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'OPERATION', service: 'gateway', outcome: 'REFUSED:PURPOSE_REQUIRED' });
  });
});
