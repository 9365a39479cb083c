/**
 * The audit staff's API through the gateway: every search filter returns only matching records, cursors
 * walk the log newest first without overlap, only auditors reach the log, emergency accesses are queued and
 * reviewed once (the review itself a chained record), and a coordinator can tell a victim who accessed
 * their data — dates, purposes and agencies, never staff.
 */
import { randomBytes } from 'node:crypto';
import { Agency, DataCategory, Purpose, Role } from '@hub/shared';
import { type GraphQLResponse, type Identity, codes, queryAs } from '../support/client';
import {
  analyst,
  auditor,
  clinician,
  coordinator,
  emergency,
  grantConsent,
  identifyVictim,
  investigator,
  logIntegrated,
  recordsOf,
  uniqueAlias,
  verifyThroughGateway,
  withAuditDb,
  withLogLock,
} from './audit-support';

interface Node {
  seq: string;
  at: string;
  requestId: string;
  subgraph: string;
  actor: string | null;
  actorAgency: string | null;
  victimId: string | null;
  fields: string[] | null;
  deniedFields: string[] | null;
  categories: string[] | null;
  decision: string | null;
  purpose: string | null;
  reviewRequired: boolean | null;
  kind: string;
}
interface Page {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const NODE = 'seq at requestId subgraph actor actorAgency victimId fields deniedFields categories decision purpose reviewRequired kind';
const PAGE = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } }`;

async function accessLog(filter: Record<string, unknown>, first = 100, after?: string): Promise<Page> {
  // The API lists integrated records; wait for what was written so far, as the superuser's reads do.
  await logIntegrated();
  const response = await queryAs<{ accessLog: Page }>(
    auditor,
    `query ($filter: AccessLogFilter, $first: Int, $after: String) { accessLog(filter: $filter, first: $first, after: $after) { ${PAGE} } }`,
    { filter, first, after },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.accessLog;
}

/** Whether a record awaits review, walking the queue (newest first) down to its seq. */
async function inReviewQueue(seq: string): Promise<boolean> {
  let after: string | undefined;
  for (;;) {
    const response = await queryAs<{ emergencyReviewQueue: Page }>(
      auditor,
      `query ($after: String) { emergencyReviewQueue(first: 100, after: $after) { ${PAGE} } }`,
      { after },
    );
    expect(response.errors).toBeUndefined();
    const page = response.data!.emergencyReviewQueue;
    for (const { node } of page.edges) {
      expect(node.reviewRequired).toBe(true);
      if (node.seq === seq) return true;
      if (BigInt(node.seq) < BigInt(seq)) return false;
    }
    if (!page.pageInfo.hasNextPage) return false;
    after = page.pageInfo.endCursor!;
  }
}

const review = (seq: string, reviewer = auditor as Identity & { purpose: Purpose }) =>
  queryAs<{ reviewEmergencyAccess: Node & { reviewedSeq: string; reviewOutcome: string } }>(
    reviewer,
    `mutation ($seq: ID!) { reviewEmergencyAccess(seq: $seq, outcome: JUSTIFIED, note: "Life at risk; access proportionate.") {
       ${NODE} reviewedSeq reviewOutcome } }`,
    { seq },
  );

describe('the audit API', () => {
  const actor = `police-audit-api-${randomBytes(4).toString('hex')}`;
  const police = { ...investigator, sub: actor };
  let victimId: string;
  let from: string;
  let to: string;
  let policeRead: GraphQLResponse;

  beforeAll(async () => {
    victimId = await identifyVictim(uniqueAlias('Audit API'));
    from = new Date().toISOString();
    policeRead = await queryAs(police, 'query ($id: ID!) { victim(id: $id) { id alias investigations { id } } }', { id: victimId });
    await queryAs(police, 'query ($id: ID!) { victim(id: $id) { id birthYear } }', { id: victimId });
    await queryAs(coordinator, 'query ($id: ID!) { victim(id: $id) { id alias region } }', { id: victimId });
    to = new Date(Date.now() + 1).toISOString();
  });

  it.each<[string, Record<string, unknown>, (n: Node) => boolean]>([
    ['victimId', {}, (n) => n.victimId !== null],
    ['actor', {}, (n) => n.actor !== null],
    ['actorAgency', { actorAgency: Agency.POLICE }, (n) => n.actorAgency === Agency.POLICE],
    ['subgraph', { subgraph: 'police' }, (n) => n.subgraph === 'police'],
    ['field', { field: 'alias' }, (n) => [...(n.fields ?? []), ...(n.deniedFields ?? [])].some((f) => f.endsWith('.alias'))],
    ['field (qualified)', { field: 'Victim.alias' }, (n) => [...(n.fields ?? []), ...(n.deniedFields ?? [])].includes('Victim.alias')],
    ['category', { category: DataCategory.IDENTITY }, (n) => (n.categories ?? []).includes(DataCategory.IDENTITY)],
    ['decision', { decision: 'DENY' }, (n) => n.decision === 'DENY'],
    ['purpose', { purpose: Purpose.INVESTIGATION }, (n) => n.purpose === Purpose.INVESTIGATION],
    ['from/to', {}, () => true],
    ['requestId', {}, () => true],
  ])('filters by %s and returns only matching records', async (name, given, matches) => {
    const filter =
      name === 'victimId' ? { victimId } : name === 'actor' ? { actor } : name === 'from/to' ? { from, to }
        : name === 'requestId' ? { requestId: policeRead.requestId } : given;
    const page = await accessLog(filter);
    expect(page.edges.length).toBeGreaterThan(0);
    for (const { node } of page.edges) {
      expect(matches(node)).toBe(true);
      if (name === 'victimId') expect(node.victimId).toBe(victimId);
      if (name === 'actor') expect(node.actor).toBe(actor);
      if (name === 'requestId') expect(node.requestId).toBe(policeRead.requestId);
      if (name === 'from/to') expect(node.at >= from && node.at < to).toBe(true);
    }
    if (name === 'requestId') {
      expect(page.edges.map((e) => e.node.seq)).toEqual((await recordsOf(policeRead.requestId!)).map((r) => r.seq).reverse());
    }
    if (name === 'actor') {
      const logged = await withAuditDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_record WHERE actor = $1`, [actor])).rows[0].n as number);
      expect(page.totalCount).toBe(logged);
    }
  });

  it('walks the log newest first, page by page, without overlap or gaps', async () => {
    const expected = await withAuditDb(
      async (db) => (await db.query<{ seq: string }>(`SELECT r.seq::text AS seq FROM audit_record r WHERE r.actor = $1 ORDER BY r.seq DESC`, [actor])).rows.map((r) => r.seq),
    );
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const walked: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = await accessLog({ actor }, 2, after);
      expect(page.totalCount).toBe(expected.length);
      walked.push(...page.edges.map((e) => e.node.seq));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(walked).toEqual(expected);

    // Unfiltered, the first page starts at the newest record (numeric order, not text order: 999 < 1000).
    const head = await withAuditDb(async (db) => BigInt((await db.query(`SELECT max(seq)::text AS seq FROM audit_record`)).rows[0].seq as string));
    const newest = (await accessLog({}, 5)).edges.map((e) => BigInt(e.node.seq));
    expect(newest[0]! >= head).toBe(true);
    expect(newest).toEqual([...newest].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  });

  it.each([
    ['a coordinator', coordinator],
    ['a police investigator', investigator],
    ['an analyst', analyst],
    ['a coordinator in an emergency', emergency],
    ['an auditor stating another purpose', { ...auditor, purpose: Purpose.CASE_COORDINATION }],
  ])('refuses %s the log, the review queue, reviews and verification with FORBIDDEN', async (_who, who) => {
    for (const query of [
      '{ accessLog(first: 5) { totalCount edges { node { seq fields } } } }',
      '{ emergencyReviewQueue(first: 5) { totalCount edges { node { seq } } } }',
      'mutation { reviewEmergencyAccess(seq: "1", outcome: JUSTIFIED, note: "Looks fine to me.") { seq } }',
      '{ verifyAuditChain { ok checkedRecords } }',
    ]) {
      const response = await queryAs(who, query);
      expect({ query, codes: codes(response) }).toEqual({ query, codes: ['FORBIDDEN'] });
      expect(response.data ?? null).toBeNull();
    }
  });

  it('queues an emergency access for review; a review is a chained REVIEW record naming the reviewer, and only one is accepted', async () => {
    const read = await queryAs(emergency, 'query ($id: ID!) { victim(id: $id) { id alias investigations { id } } }', { id: victimId });
    const flagged = (await recordsOf(read.requestId!)).filter((r) => r.kind === 'FIELD_ACCESS');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((r) => r.review_required)).toBe(true);
    const seq = flagged[0]!.seq;
    expect(await inReviewQueue(seq)).toBe(true);

    const reviewer = { ...auditor, sub: `auditor-${randomBytes(3).toString('hex')}` };
    const done = await review(seq, reviewer);
    expect(done.errors).toBeUndefined();
    expect(done.data!.reviewEmergencyAccess).toMatchObject({
      kind: 'REVIEW', reviewedSeq: seq, reviewOutcome: 'JUSTIFIED', actor: reviewer.sub, actorAgency: Agency.AUDIT, subgraph: 'audit',
    });
    const reviewSeq = BigInt(done.data!.reviewEmergencyAccess.seq);
    expect(reviewSeq).toBeGreaterThan(BigInt(seq));
    expect(await inReviewQueue(seq)).toBe(false);
    expect(flagged.length === 1 || (await inReviewQueue(flagged[1]!.seq))).toBe(true);

    await withLogLock('shared', async () => {
      const chain = await verifyThroughGateway();
      expect(chain.ok).toBe(true);
      expect(BigInt(chain.checkedRecords)).toBeGreaterThanOrEqual(reviewSeq);
    });
    expect(codes(await review(seq))).toEqual(['CONFLICT']);
    const ordinary = (await recordsOf(policeRead.requestId!)).find((r) => r.kind === 'FIELD_ACCESS')!;
    expect(codes(await review(ordinary.seq))).toEqual(['CONFLICT']);
  });

  describe("a victim's access history", () => {
    const historyQuery = 'query ($id: ID!) { victim(id: $id) { id accessHistory { at purpose agency categories } } }';
    type History = { victim: { accessHistory: { at: string; purpose: string; agency: string; categories: string[] }[] | null } };

    it('lists the date, purpose and agency of every access that returned data, newest first, and nothing refused', async () => {
      const subject = await identifyVictim(uniqueAlias('Audit Subject'));
      const reads = (who: Identity & { purpose: Purpose }, query: string) => queryAs(who, query, { id: subject });
      const refused = await reads(police, 'query ($id: ID!) { victim(id: $id) { id alias } }');
      expect(codes(refused)).toEqual(['CONSENT_REQUIRED']);
      await grantConsent(subject, Agency.POLICE, [DataCategory.IDENTITY], Purpose.INVESTIGATION);
      const started = new Date().toISOString();
      // Alias received, region (CASE_STATUS, no consent) refused in the same request: only IDENTITY was received.
      expect(codes(await reads(police, 'query ($id: ID!) { victim(id: $id) { id alias region } }'))).toEqual(['CONSENT_REQUIRED']);
      expect((await reads(clinician, 'query ($id: ID!) { victim(id: $id) { id healthSummary { hasGp } } }')).errors).toBeUndefined();
      const ended = new Date(Date.now() + 1).toISOString();
      await logIntegrated();

      const response = await reads(coordinator, historyQuery);
      expect(response.errors).toBeUndefined();
      const history = (response as GraphQLResponse<History>).data!.victim.accessHistory!;
      const of = (agency: Agency) => history.filter((e) => e.agency === agency);
      expect(of(Agency.POLICE)).toEqual([{ at: expect.any(String), purpose: Purpose.INVESTIGATION, agency: Agency.POLICE, categories: [DataCategory.IDENTITY] }]);
      expect(of(Agency.HEALTH)).toEqual([{ at: expect.any(String), purpose: Purpose.CARE, agency: Agency.HEALTH, categories: [DataCategory.HEALTH_SUMMARY] }]);
      for (const entry of [...of(Agency.POLICE), ...of(Agency.HEALTH)]) expect(entry.at >= started && entry.at < ended).toBe(true);
      expect(history.map((e) => e.at)).toEqual([...history.map((e) => e.at)].sort().reverse());
      expect(JSON.stringify(response)).not.toContain(actor);
    });

    it('has no field naming staff, and is refused to case workers other than the coordinator (audit staff read the log anyway)', async () => {
      const type = await queryAs<{ __type: { fields: { name: string }[] } }>(coordinator, '{ __type(name: "AccessHistoryEntry") { fields { name } } }');
      expect(type.data!.__type.fields.map((f) => f.name).sort()).toEqual(['agency', 'at', 'categories', 'proofs', 'purpose']);
      expect(codes(await queryAs(coordinator, 'query ($id: ID!) { victim(id: $id) { accessHistory { actor } } }', { id: victimId }))).toEqual([
        'GRAPHQL_VALIDATION_FAILED',
      ]);
      for (const who of [investigator, clinician, { agency: Agency.COORDINATION, role: Role.CASEWORKER, purpose: Purpose.CASE_COORDINATION }]) {
        const response = await queryAs<History>(who, historyQuery, { id: victimId });
        expect(codes(response)).toEqual(['FORBIDDEN']);
        expect(response.data?.victim?.accessHistory ?? null).toBeNull();
      }
    });
  });

  it("leaves the auditor's own reading in the log, as ACCESS_LOG records of the audit subgraph", async () => {
    const response = await queryAs(auditor, `query ($r: String) { accessLog(filter: { requestId: $r }) { edges { node { seq fields victimId } } } }`, {
      r: policeRead.requestId,
    });
    expect(response.errors).toBeUndefined();
    const own = (await recordsOf(response.requestId!)).filter((r) => r.kind === 'FIELD_ACCESS');
    expect(own.length).toBeGreaterThan(0);
    for (const record of own) {
      expect(record).toMatchObject({ service: 'audit', type_name: 'AccessRecord', categories: [DataCategory.ACCESS_LOG], actor_agency: Agency.AUDIT });
      expect([...record.fields].sort()).toEqual(['AccessRecord.fields', 'AccessRecord.victimId']);
    }
    expect(codes(await queryAs(auditor, 'query ($id: ID!) { victim(id: $id) { alias } }', { id: victimId }))).toEqual(['FORBIDDEN']);
  });
});
