/**
 * Cross-border hand-over (issue 11, item 5; docs/architecture.md#cross-border-hand-over), end to end through the
 * gateway: a consent naming a foreign counterpart, a purpose and two categories; a hand-over prepared, sent (each
 * owning subgraph producing its part and logging each field it releases, the hub signing the package),
 * acknowledged; withdrawal stopping a hand-over not yet sent; the support path showing each step.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'jose';
import { Agency, DataCategory, Purpose, Role, type HandoverPackage, loadServiceKeys, signHubAssertion, verifyHandoverPackage } from '@hub/shared';
import { repoRoot } from '@hub/shared/src/schema/subgraph-schemas';
import { codes, queryAs } from '../support/client';
import { testHub } from '../support/hub-info';
import { auditor, coordinator, grantConsent, identifyVictim, investigator, logIntegrated, openInvestigation, uniqueAlias, withAuditDb } from '../audit/audit-support';

const liaison = { kind: 'FOREIGN_POLICE_LIAISON', name: 'Nigeria Police Force, liaison office Oslo', country: 'NG' };
const careProvider = { kind: 'HOME_COUNTRY_CARE_PROVIDER', name: 'NAPTIP shelter, Benin City', country: 'NG' };
const DAY = 86_400_000;

const HANDOVER = 'id state consentId counterpartKind counterpartName counterpartCountry purpose categories preparedAt sentAt digest withheldFields receivedAt receiptReference withdrawnAt';

interface Handover {
  id: string;
  state: string;
  consentId: string;
  categories: string[];
  digest: string | null;
  withheldFields: string[];
  receiptReference: string | null;
  withdrawnAt: string | null;
  signedPackage?: string | null;
}

async function consentToCounterpart(victimId: string, counterpart: object, handoverPurpose: string, categories: DataCategory[]): Promise<string> {
  const response = await queryAs<{ grantConsent: { id: string; recipients: string[]; counterpartName: string; handoverPurpose: string } }>(
    coordinator,
    'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id recipients counterpartName handoverPurpose } }',
    {
      input: {
        victimId, counterpart, handoverPurpose, categories, validFrom: new Date(Date.now() - 3_600_000).toISOString(),
        validUntil: new Date(Date.now() + 90 * DAY).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
      },
    },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!.grantConsent).toMatchObject({ recipients: [], handoverPurpose });
  return response.data!.grantConsent.id;
}

const prepare = (victimId: string, counterpart: object, purpose: string) =>
  queryAs<{ prepareHandover: Handover }>(
    coordinator,
    `mutation ($victimId: ID!, $counterpart: ForeignCounterpartInput!, $purpose: HandoverPurpose!) {
       prepareHandover(victimId: $victimId, counterpart: $counterpart, purpose: $purpose) { ${HANDOVER} } }`,
    { victimId, counterpart, purpose },
  );

const send = (id: string) =>
  queryAs<{ sendHandover: Handover }>(coordinator, `mutation ($id: ID!) { sendHandover(id: $id) { ${HANDOVER} } }`, { id });

const acknowledge = (id: string, digest: string, reference = 'NPF-LO/2026/117') =>
  queryAs<{ acknowledgeHandover: Handover }>(
    coordinator,
    `mutation ($id: ID!, $receipt: HandoverReceiptInput!) { acknowledgeHandover(id: $id, receipt: $receipt) { ${HANDOVER} } }`,
    { id, receipt: { reference, digest } },
  );

const handoversOf = async (victimId: string, withPackage = false) =>
  queryAs<{ victim: { handovers: Handover[] } }>(
    coordinator,
    `query ($id: ID!) { victim(id: $id) { handovers { ${HANDOVER} ${withPackage ? 'signedPackage' : ''} } } }`,
    { id: victimId },
  );

const trusted = (): { keys: JWK[] } => JSON.parse(readFileSync(join(testHub().keysDir, 'trusted.jwks.json'), 'utf8')) as { keys: JWK[] };

interface LoggedRecord {
  fields: string[];
  deniedFields: string[];
  categories: string[];
  receivedCategories: string[];
}

/** Coordination's access record of one request about one victim, as audit staff read it (`accessLog`). */
async function coordinationRecord(requestId: string, victimId: string): Promise<LoggedRecord> {
  await logIntegrated();
  const response = await queryAs<{ accessLog: { edges: { node: LoggedRecord }[] } }>(
    auditor,
    `query ($r: String, $v: ID) { accessLog(filter: { requestId: $r, victimId: $v, subgraph: "coordination", kind: "FIELD_ACCESS" }) {
       edges { node { fields deniedFields categories receivedCategories } } } }`,
    { r: requestId, v: victimId },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!.accessLog.edges).toHaveLength(1);
  const record = response.data!.accessLog.edges[0]!.node;
  return { ...record, categories: [...record.categories].sort(), receivedCategories: [...record.receivedCategories].sort() };
}

/** The fields of the Victim type of coordination's schema with IDENTITY (docs/architecture.md#data-categories). */
const IDENTITY_FIELDS = ['Victim.alias', 'Victim.birthYear', 'Victim.gender', 'Victim.nationalities', 'Victim.languages', 'Victim.minor'];

describe('cross-border hand-over', () => {
  const alias = uniqueAlias('Handover');
  let victimId = '';
  let caseNumber = '';
  let consentId = '';

  beforeAll(async () => {
    victimId = await identifyVictim(alias, { birthYear: 1996 });
    caseNumber = await openInvestigation(victimId);
    consentId = await consentToCounterpart(victimId, liaison, 'FOREIGN_INVESTIGATION', [DataCategory.IDENTITY, DataCategory.POLICE_CASE]);
  });

  it('refuses a hand-over without a consent to that counterpart and purpose exactly as one for an unknown victim', async () => {
    const unknown = await prepare('v-00000000aa', liaison, 'FOREIGN_INVESTIGATION');
    const otherPurpose = await prepare(victimId, liaison, 'VOLUNTARY_RETURN');
    const otherCounterpart = await prepare(victimId, { ...liaison, name: 'Ghana Police Service liaison' }, 'FOREIGN_INVESTIGATION');
    const shape = (r: Awaited<ReturnType<typeof prepare>>, id: string) => ({
      data: r.data?.prepareHandover ?? null,
      errors: r.errors?.map((e) => ({ message: e.message.replace(id, '<id>'), code: e.extensions?.code })),
    });
    expect(shape(unknown, 'v-00000000aa')).toEqual({ data: null, errors: [{ message: 'Victim <id> does not exist', code: 'NOT_FOUND' }] });
    expect(shape(otherPurpose, victimId)).toEqual(shape(unknown, 'v-00000000aa'));
    expect(shape(otherCounterpart, victimId)).toEqual(shape(unknown, 'v-00000000aa'));
  });

  it('is prepared, sent with exactly the consented categories (an access record per field released), signed, and acknowledged', async () => {
    const prepared = await prepare(victimId, liaison, 'FOREIGN_INVESTIGATION');
    expect(prepared.errors).toBeUndefined();
    const handover = prepared.data!.prepareHandover;
    expect(handover).toMatchObject({
      state: 'PREPARED', consentId, categories: [DataCategory.IDENTITY, DataCategory.POLICE_CASE],
      counterpartKind: 'FOREIGN_POLICE_LIAISON', counterpartName: liaison.name, counterpartCountry: 'NG', digest: null,
    });

    const sent = await send(handover.id);
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendHandover).toMatchObject({ id: handover.id, state: 'SENT', withheldFields: [] });
    const digest = sent.data!.sendHandover.digest!;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    // The package holds POLICE_CASE, which the coordinator may not read without a consent of their own: derived, refused.
    const refused = await handoversOf(victimId, true);
    expect(refused.data!.victim.handovers[0]!.signedPackage).toBeNull();
    expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.category])).toEqual([['CONSENT_REQUIRED', DataCategory.POLICE_CASE]]);
    // Logged as refused, and only as refused, with the category it was refused on; the hand-over's own fields are CONSENT.
    const refusal = await coordinationRecord(refused.requestId!, victimId);
    expect(refusal.deniedFields).toEqual(['Handover.signedPackage']);
    expect(refusal.fields).not.toContain('Handover.signedPackage');
    expect(refusal.categories).toEqual([DataCategory.CONSENT, DataCategory.POLICE_CASE]);
    expect(refusal.receivedCategories).toEqual([DataCategory.CONSENT]);
    await grantConsent(victimId, Agency.COORDINATION, [DataCategory.POLICE_CASE], Purpose.CASE_COORDINATION);
    const read = await handoversOf(victimId, true);
    expect(read.errors).toBeUndefined();
    // Logged as read, with every category the package holds.
    const reading = await coordinationRecord(read.requestId!, victimId);
    expect(reading.fields).toContain('Handover.signedPackage');
    expect(reading.deniedFields).toEqual([]);
    expect(reading.receivedCategories).toEqual([DataCategory.CONSENT, DataCategory.IDENTITY, DataCategory.POLICE_CASE]);
    const jws = read.data!.victim.handovers[0]!.signedPackage!;

    const verified = await verifyHandoverPackage(jws, trusted());
    if (!verified.ok) throw new Error(verified.reason);
    expect(verified.digest).toBe(digest);
    const pkg: HandoverPackage = verified.package;
    expect(pkg).toMatchObject({ handoverId: handover.id, victimId, consentId, counterpart: liaison, purpose: 'FOREIGN_INVESTIGATION' });
    expect(pkg.parts.map((p) => [p.subgraph, p.categories]).sort()).toEqual([
      ['coordination', [DataCategory.IDENTITY]],
      ['police', [DataCategory.POLICE_CASE]],
    ]);
    const coordinationPart = pkg.parts.find((p) => p.subgraph === 'coordination')!;
    const policePart = pkg.parts.find((p) => p.subgraph === 'police')!;
    // Exactly the identity fields: no region, stage, consents or support path (CASE_STATUS, CONSENT were not named).
    expect([...coordinationPart.released].sort()).toEqual([...IDENTITY_FIELDS].sort());
    expect(coordinationPart.victim).toEqual({ alias, birthYear: 1996, gender: 'FEMALE', nationalities: ['NG'], languages: ['en'], minor: false });
    expect(policePart.released).toEqual(expect.arrayContaining(['Victim.investigations', 'Investigation.caseNumber', 'Investigation.offences']));
    expect(policePart.released.every((f) => /^(Victim|Investigation|Testimony)\./.test(f))).toBe(true);
    expect((policePart.victim.investigations as { caseNumber: string }[]).map((i) => i.caseNumber)).toEqual([caseNumber]);

    // One access record per field released, in the subgraph that released it, before the package left.
    const records = await withAuditDb(async (db) =>
      (await db.query<{ service: string; fields: string[]; categories: string[]; basis: string[]; actor_role: string }>(
        `SELECT service, fields, categories, basis, actor_role FROM audit_record WHERE kind = 'FIELD_ACCESS' AND $1 = ANY(basis) ORDER BY seq`,
        [`HANDOVER:${handover.id}`],
      )).rows,
    );
    expect(records.every((r) => r.fields.length === 1 && r.actor_role === Role.COORDINATOR && r.basis.includes(`CONSENT:${consentId}`))).toBe(true);
    const logged = (service: string) => records.filter((r) => r.service === service).map((r) => r.fields[0]).sort();
    expect(logged('coordination')).toEqual([...coordinationPart.released].sort());
    expect(logged('police')).toEqual([...policePart.released].sort());
    expect(records.length).toBe(coordinationPart.released.length + policePart.released.length);

    // A second send is refused: a hand-over is sent once.
    expect(codes(await send(handover.id))).toEqual(['CONFLICT']);

    // The receipt must acknowledge the package that was sent.
    expect(codes(await acknowledge(handover.id, `sha256:${'0'.repeat(64)}`))).toEqual(['BAD_USER_INPUT']);
    const received = await acknowledge(handover.id, digest);
    expect(received.errors).toBeUndefined();
    expect(received.data!.acknowledgeHandover).toMatchObject({ state: 'RECEIVED', receiptReference: 'NPF-LO/2026/117', digest });
    expect(codes(await acknowledge(handover.id, digest))).toEqual(['CONFLICT']);
  });

  it("refuses a package of rights information as the category wrapper refuses it: every agency's, so no own-records rule opens it", async () => {
    // The coordinating unit reads its own RIGHTS_INFORMATION records, but a package holding the category holds it for
    // no one agency (docs/architecture.md#data-categories): only a consent naming it for the unit opens it.
    const other = await identifyVictim(uniqueAlias('Handover-rights'));
    const informedAt = new Date(Date.now() - DAY).toISOString();
    const recorded = await queryAs(investigator, `mutation ($input: RecordRightsInformationInput!) { recordPoliceRightsInformation(input: $input) { id } }`, {
      input: { victimId: other, rights: ['FREE_LEGAL_AID', 'INTERPRETER'], language: 'en', interpreter: false, informedAt },
    });
    expect(recorded.errors).toBeUndefined();
    await consentToCounterpart(other, careProvider, 'VOLUNTARY_RETURN', [DataCategory.IDENTITY, DataCategory.RIGHTS_INFORMATION]);
    const prepared = await prepare(other, careProvider, 'VOLUNTARY_RETURN');
    expect(prepared.errors).toBeUndefined();
    const sent = await send(prepared.data!.prepareHandover.id);
    expect(sent.errors).toBeUndefined();

    const refused = await handoversOf(other, true);
    expect(refused.data!.victim.handovers[0]!.signedPackage).toBeNull();
    expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.category])).toEqual([['CONSENT_REQUIRED', DataCategory.RIGHTS_INFORMATION]]);
    const refusal = await coordinationRecord(refused.requestId!, other);
    expect(refusal.deniedFields).toEqual(['Handover.signedPackage']);
    expect(refusal.fields).not.toContain('Handover.signedPackage');
    expect(refusal.receivedCategories).toEqual([DataCategory.CONSENT]);
    expect(refusal.categories).toEqual([DataCategory.CONSENT, DataCategory.RIGHTS_INFORMATION]);

    await grantConsent(other, Agency.COORDINATION, [DataCategory.RIGHTS_INFORMATION], Purpose.CASE_COORDINATION);
    const read = await handoversOf(other, true);
    expect(read.errors).toBeUndefined();
    expect(read.data!.victim.handovers[0]!.signedPackage).toEqual(expect.any(String));
    const reading = await coordinationRecord(read.requestId!, other);
    expect(reading.receivedCategories).toEqual([DataCategory.CONSENT, DataCategory.IDENTITY, DataCategory.RIGHTS_INFORMATION]);

    // Every agency that handles cases holds rights information of its own, so each is asked for its part: the
    // police part carries the record the police made; the others hold none for this victim and send empty lists.
    const verified = await verifyHandoverPackage(read.data!.victim.handovers[0]!.signedPackage!, trusted());
    if (!verified.ok) throw new Error(verified.reason);
    const parts = verified.package.parts;
    expect(parts.find((p) => p.subgraph === 'police')).toMatchObject({
      categories: [DataCategory.RIGHTS_INFORMATION],
      victim: { policeRightsInformation: [{ agency: 'POLICE', rights: ['FREE_LEGAL_AID', 'INTERPRETER'], language: 'en', interpreter: false, informedByRole: 'INVESTIGATOR', informedAt }] },
      withheld: [],
    });
    expect(parts.find((p) => p.subgraph === 'immigration')).toMatchObject({
      categories: [DataCategory.RIGHTS_INFORMATION], victim: { immigrationRightsInformation: [] }, withheld: [],
    });
    expect(parts.filter((p) => p.categories.includes(DataCategory.RIGHTS_INFORMATION)).map((p) => p.subgraph).sort()).toEqual(
      ['child-welfare', 'coordination', 'health', 'immigration', 'labour-inspection', 'police', 'social-services'],
    );
  });

  it('a package changed after signing no longer verifies, offline and with the CLI', async () => {
    const jws = (await handoversOf(victimId, true)).data!.victim.handovers.find((h) => h.signedPackage)!.signedPackage!;
    const [header, payload, signature] = jws.split('.');
    const changed = Buffer.from(Buffer.from(payload!, 'base64url').toString('utf8').replace(caseNumber, '2025-XXX-000000')).toString('base64url');
    const tampered = `${header}.${changed}.${signature}`;
    expect((await verifyHandoverPackage(tampered, trusted())).ok).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'handover-'));
    writeFileSync(join(dir, 'good.jws'), jws);
    writeFileSync(join(dir, 'bad.jws'), tampered);
    const cli = (file: string) =>
      promisify(execFile)('node', ['-r', '@swc-node/register', 'shared/src/handover/verify-handover-cli.ts', join(dir, file), join(testHub().keysDir, 'trusted.jwks.json')], { cwd: repoRoot })
        .then(({ stdout }) => ({ code: 0, out: stdout }))
        .catch((error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }));
    const good = await cli('good.jws');
    expect(good.code).toBe(0);
    expect(good.out).toContain('verified: hand-over');
    expect(good.out).not.toContain(alias);
    expect(await cli('bad.jws')).toMatchObject({ code: 1 });
  });

  it('withdrawing the consent before sending moves the hand-over to WITHDRAWN, and it cannot be sent', async () => {
    const other = await identifyVictim(uniqueAlias('Handover-withdrawn'));
    const consent = await consentToCounterpart(other, careProvider, 'VOLUNTARY_RETURN', [DataCategory.IDENTITY, DataCategory.IMMIGRATION]);
    const prepared = await prepare(other, careProvider, 'VOLUNTARY_RETURN');
    expect(prepared.errors).toBeUndefined();
    const id = prepared.data!.prepareHandover.id;

    const withdrawn = await queryAs(coordinator, 'mutation ($id: ID!) { withdrawConsent(id: $id) { id } }', { id: consent });
    expect(withdrawn.errors).toBeUndefined();
    const after = await handoversOf(other);
    expect(after.data!.victim.handovers).toEqual([expect.objectContaining({ id, state: 'WITHDRAWN', digest: null })]);
    expect(after.data!.victim.handovers[0]!.withdrawnAt).toEqual(expect.any(String));
    expect(codes(await send(id))).toEqual(['CONFLICT']);
    expect((await handoversOf(other, true)).data!.victim.handovers[0]).toMatchObject({ state: 'WITHDRAWN', signedPackage: null });

    // Nothing was released for it: no access record names it.
    const released = await withAuditDb(async (db) => (await db.query(`SELECT 1 FROM audit_record WHERE $1 = ANY(basis)`, [`HANDOVER:${id}`])).rowCount);
    expect(released).toBe(0);

    const path = await queryAs<{ victim: { supportPath: { events: { agency: string; kind: string }[] } } }>(
      coordinator,
      'query ($id: ID!) { victim(id: $id) { supportPath { events { agency kind summary } } } }',
      { id: other },
    );
    expect(path.data!.victim.supportPath.events.filter((e) => e.kind.startsWith('HANDOVER_')).map((e) => [e.agency, e.kind])).toEqual([
      ['COORDINATION', 'HANDOVER_PREPARED'],
      ['COORDINATION', 'HANDOVER_WITHDRAWN'],
    ]);
  });

  it('the support path shows the hand-over prepared, sent and received', async () => {
    const path = await queryAs<{ victim: { supportPath: { events: { agency: string; kind: string; summary: string }[] } } }>(
      coordinator,
      'query ($id: ID!) { victim(id: $id) { supportPath { events { agency kind summary } } } }',
      { id: victimId },
    );
    expect(path.errors).toBeUndefined();
    expect(path.data!.victim.supportPath.events.filter((e) => e.kind.startsWith('HANDOVER_'))).toEqual([
      { agency: 'COORDINATION', kind: 'HANDOVER_PREPARED', summary: 'Cross-border hand-over prepared for a foreign investigation' },
      { agency: 'COORDINATION', kind: 'HANDOVER_SENT', summary: 'Cross-border hand-over sent for a foreign investigation' },
      { agency: 'COORDINATION', kind: 'HANDOVER_RECEIVED', summary: 'Cross-border hand-over acknowledged by its recipient' },
    ]);
  });

  it('only a coordinator hands data over, and an agency gives its part only to coordination', async () => {
    const caseworker = { agency: Agency.COORDINATION, role: Role.CASEWORKER, purpose: Purpose.CASE_COORDINATION, regions: ['EAST' as never] };
    const byCaseworker = await queryAs(caseworker, 'mutation ($v: ID!, $c: ForeignCounterpartInput!) { prepareHandover(victimId: $v, counterpart: $c, purpose: FOREIGN_INVESTIGATION) { id } }', { v: victimId, c: liaison });
    expect(codes(byCaseworker)).toEqual(['FORBIDDEN']);
    expect(codes(await queryAs(investigator, 'mutation ($id: ID!) { sendHandover(id: $id) { id } }', { id: 'ho-000000000000' }))).toEqual(['FORBIDDEN']);

    // The police subgraph's kit route, asked by another service than coordination, answers nothing.
    const body = JSON.stringify({ handoverId: 'ho-000000000000', victimId, counterpart: liaison, purpose: 'FOREIGN_INVESTIGATION', categories: ['POLICE_CASE'] });
    const caller = { sub: 'x', agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [], purpose: Purpose.CASE_COORDINATION, justification: null, requestId: `req-${Date.now()}`, via: 'immigration' };
    const policeBase = testHub().services.police!.url.replace(/\/graphql$/, '');
    const asImmigration = await fetch(`${policeBase}/internal/handover-part`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'immigration'), 'police', caller, body)}`, 'content-type': 'application/json' },
      body,
    });
    expect(asImmigration.status).toBe(401);

    // Asked by coordination for a category the consent does not name, it leaves the fields out and says so.
    const health = JSON.stringify({ handoverId: 'ho-000000000001', victimId, counterpart: liaison, purpose: 'VOLUNTARY_RETURN', categories: ['POLICE_CASE'] });
    const asCoordination = await fetch(`${policeBase}/internal/handover-part`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'coordination'), 'police', { ...caller, via: 'coordination', requestId: `req-${Date.now()}-2` }, health)}`,
        'content-type': 'application/json',
      },
      body: health,
    });
    expect(asCoordination.status).toBe(200);
    const { part } = (await asCoordination.json()) as { part: HandoverPackage['parts'][number] };
    expect(part.released).toEqual([]);
    expect(part.victim).toEqual({});
    expect(part.withheld).toEqual(expect.arrayContaining([{ field: 'Victim.investigations', category: 'POLICE_CASE', code: 'CONSENT_REQUIRED' }]));
  });

  it('an agency subgraph with no hand-over code of its own (the labour inspection) answers its part through the kit', async () => {
    const body = JSON.stringify({ handoverId: 'ho-000000000002', victimId, counterpart: liaison, purpose: 'FOREIGN_INVESTIGATION', categories: ['LABOUR_CASE'] });
    const caller = { sub: 'x', agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [], purpose: Purpose.CASE_COORDINATION, justification: null, requestId: `req-${Date.now()}-3`, via: 'coordination' };
    const base = testHub().services['labour-inspection']!.url.replace(/\/graphql$/, '');
    const answer = await fetch(`${base}/internal/handover-part`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'coordination'), 'labour-inspection', caller, body)}`, 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(200);
    const { part } = (await answer.json()) as { part: HandoverPackage['parts'][number] };
    // The consent names IDENTITY and POLICE_CASE, not LABOUR_CASE: nothing released, and nothing about the victim.
    expect(part).toMatchObject({ subgraph: 'labour-inspection', agency: 'LABOUR_INSPECTION', categories: ['LABOUR_CASE'], released: [], victim: {} });
    expect(part.withheld.length).toBeGreaterThan(0);
    expect(part.withheld.every((w) => w.category === 'LABOUR_CASE' && w.code === 'CONSENT_REQUIRED')).toBe(true);
  });
});
