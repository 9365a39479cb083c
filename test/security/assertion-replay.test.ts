/**
 * A hub assertion is good for one request: it carries a one-time id and the hash of the exact body it was
 * signed for. Captured between the gateway and a subgraph and sent again — with the same body, or with another
 * query (an `_entities` look-up of another victim) — it is refused with 401 and counted, and nothing is read.
 */
import { randomUUID } from 'node:crypto';
import { generateCaseload } from '@hub/shared/src/demo/generate-caseload';
import { Agency, type HubCaller, Purpose, Role, loadServiceKeys, signHubAssertion } from '@hub/shared';
import { DataSource } from 'typeorm';
import { AssertionReplayGuard, databaseAssertionIds } from '@hub/shared/src/auth/assertion-replay-guard';
import { codes, counter, post } from '../support/client';
import { TEST_AS_OF, TEST_SEED, postgresUrl, testHub } from '../support/hub-info';

const caseload = generateCaseload({ seed: TEST_SEED, asOf: TEST_AS_OF });
const first = caseload.coordination.victims[0]!;
const second = caseload.coordination.victims[1]!;
const investigator = (): HubCaller => ({
  sub: 'police-investigator-replay-test',
  agency: Agency.POLICE,
  role: Role.INVESTIGATOR,
  regions: [],
  purpose: Purpose.INVESTIGATION,
  justification: null,
  requestId: randomUUID(),
  via: 'gateway',
});
const entities = (victimId: string): string =>
  JSON.stringify({ query: `{ _entities(representations: [{ __typename: "Victim", id: "${victimId}" }]) { ... on Victim { id investigations { id } } } }` });
const police = (): string => testHub().services.police!.url;
const refusals = (reason: string): Promise<number> => counter('police', `hub_assertion_refused_total{reason="${reason}"}`);

describe('hub assertions cannot be replayed or reused', () => {
  it('answers the first use, and refuses the same assertion sent again with the same body', async () => {
    const body = entities(first.id);
    const authorization = `Bearer ${await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'gateway'), 'police', investigator(), body)}`;
    const once = await post(police(), body, { authorization });
    expect({ status: once.status, codes: codes(once) }).toEqual({ status: 200, codes: [] });
    const before = await refusals('replay');
    const again = await post(police(), body, { authorization });
    expect(again.status).toBe(401);
    expect(codes(again)).toEqual(['UNAUTHENTICATED']);
    expect(again.data).toBeUndefined();
    expect(await refusals('replay')).toBe(before + 1);
  });

  it("refuses an assertion signed for one victim's look-up when it comes with another victim's", async () => {
    const signedFor = entities(first.id);
    const authorization = `Bearer ${await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'gateway'), 'police', investigator(), signedFor)}`;
    const before = await refusals('body_mismatch');
    const swapped = await post(police(), entities(second.id), { authorization });
    expect(swapped.status).toBe(401);
    expect(codes(swapped)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(swapped)).not.toContain(second.id);
    expect(await refusals('body_mismatch')).toBe(before + 1);
    // The assertion was not spent by the refused attempt: its own request still works once.
    expect((await post(police(), signedFor, { authorization })).status).toBe(200);
  });

  it('refuses an internal consent look-up replayed to coordination', async () => {
    const body = JSON.stringify({ victimIds: [first.id] });
    const url = testHub().services.coordination!.url.replace(/\/graphql$/, '/internal/victim-access-facts');
    const authorization = `Bearer ${await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'police'), 'coordination', investigator(), body)}`;
    expect((await post(url, body, { authorization })).status).toBe(200);
    const again = await post(url, body, { authorization });
    expect(again.status).toBe(401);
    expect(codes(again)).toEqual(['UNAUTHENTICATED']);
  });

  describe('across replicas of one subgraph (they share its database)', () => {
    // A second replica of police: another process with its own memory and its own connections to police's database.
    let database: DataSource;
    const otherReplica = (): AssertionReplayGuard => new AssertionReplayGuard(Date.now, databaseAssertionIds(database));
    const oneTimeId = (authorization: string): { id: string; expiresAt: number } => {
      const claims = JSON.parse(Buffer.from(authorization.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string; exp: number };
      return { id: claims.jti, expiresAt: claims.exp * 1000 };
    };
    const signed = async (body: string): Promise<string> =>
      `Bearer ${await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'gateway'), 'police', investigator(), body)}`;

    beforeAll(async () => {
      database = new DataSource({ type: 'postgres', url: postgresUrl(new URL(testHub().services.police!.database!).pathname.slice(1)) });
      await database.initialize();
    });
    afterAll(async () => {
      await database.destroy();
    });

    it('an assertion used at the running police replica is refused by another replica', async () => {
      const body = entities(first.id);
      const authorization = await signed(body);
      expect((await post(police(), body, { authorization })).status).toBe(200);
      const replica = otherReplica();
      expect(await replica.claim(oneTimeId(authorization))).toBe(false);
      expect(replica.refusedCount).toBe(1);
    });

    it('an assertion used at another replica is refused by the running one', async () => {
      const body = entities(first.id);
      const authorization = await signed(body);
      expect(await otherReplica().claim(oneTimeId(authorization))).toBe(true);
      const before = await refusals('replay');
      const replayed = await post(police(), body, { authorization });
      expect(replayed.status).toBe(401);
      expect(codes(replayed)).toEqual(['UNAUTHENTICATED']);
      expect(replayed.data).toBeUndefined();
      expect(await refusals('replay')).toBe(before + 1);
    });

    it('a fresh assertion is accepted by each replica once', async () => {
      const authorization = await signed(entities(second.id));
      const [a, b] = [otherReplica(), otherReplica()];
      expect(await a.claim(oneTimeId(authorization))).toBe(true);
      expect(await b.claim(oneTimeId(authorization))).toBe(false);
    });
  });
});
