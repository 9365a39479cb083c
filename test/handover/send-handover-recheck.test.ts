/**
 * Sending a hand-over checks twice (docs/architecture.md#cross-border-hand-over): before the parts are collected,
 * outside any transaction (`readSendBasis`), and again under the locks of the commit (`commitIfStillValid`). This
 * test changes the hand-over or its consent between the two steps — on a registry database of its own, built by
 * coordination's migrations — and shows that the commit then refuses with the code the first check would have
 * given, and writes nothing. (The same race through the running services, with a real withdrawal while an owning
 * subgraph's part is held back: handover-withdrawal-race.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { DataSource } from 'typeorm';
import {
  Agency,
  CounterpartKind,
  DataCategory,
  type HandoverPart,
  HandoverPurpose,
  HandoverState,
  type HubError,
  type ServiceKeys,
  loadServiceKeys,
  newRecordId,
  verifyHandoverPackage,
} from '@hub/shared';
import { Handover } from '@hub/coordination/src/entities/handover';
import { type SendBasis, commitIfStillValid, readSendBasis } from '@hub/coordination/src/handover/send-handover';
import { withCoordinationDatabase } from '../support/coordination-database';
import { testHub } from '../support/hub-info';

const HOUR = 3_600_000;
const liaison = { kind: CounterpartKind.FOREIGN_POLICE_LIAISON, name: 'Nigeria Police Force, liaison office Oslo', country: 'NG' };
const categories = [DataCategory.IDENTITY, DataCategory.POLICE_CASE];

/** What the owning subgraphs answered (their content is not what this test is about). */
const parts: HandoverPart[] = [
  { subgraph: 'coordination', agency: Agency.COORDINATION, categories: [DataCategory.IDENTITY], victim: { alias: 'Recheck' }, released: ['Victim.alias'], withheld: [] },
  {
    subgraph: 'police',
    agency: Agency.POLICE,
    categories: [DataCategory.POLICE_CASE],
    victim: {},
    released: [],
    withheld: [{ field: 'Victim.investigations', category: DataCategory.POLICE_CASE, code: 'CONSENT_REQUIRED' }],
  },
];

let db: DataSource;
let keys: ServiceKeys;
let release: () => void;
let finished: Promise<unknown>;

beforeAll(async () => {
  keys = await loadServiceKeys(testHub().keysDir, 'coordination');
  // One database for the file, kept open until afterAll.
  await new Promise<void>((ready, fail) => {
    finished = withCoordinationDatabase((dataSource) => {
      db = dataSource;
      ready();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    finished.catch(fail);
  });
}, 120_000);

afterAll(async () => {
  release?.();
  await finished;
});

/** A victim, a consent to the liaison for a foreign investigation, and a hand-over PREPARED under it. */
async function prepared(): Promise<{ handoverId: string; consentId: string }> {
  const victimId = newRecordId('v');
  const consentId = newRecordId('c');
  const handoverId = newRecordId('ho');
  const now = Date.now();
  await db.query(
    `INSERT INTO victim (id, alias, birth_year, gender, nationalities, languages, minor, region, exploitation_forms, coordinator, identified_at, identifying_agency, indicators_present)
     VALUES ($1, 'Recheck', 1996, 'FEMALE', '{NG}', '{en}', false, 'EAST', '{}', 'coord-1', now(), 'COORDINATION', '{}')`,
    [victimId],
  );
  await db.query(
    `INSERT INTO consent_grant (id, victim_id, recipients, categories, purposes, valid_from, valid_until, given_by, given_at, form, recorded_by, recorded_at, counterpart, handover_purpose)
     VALUES ($1, $2, '{}', $3, '{}', $4, $5, 'VICTIM', $4, 'WRITTEN', 'coord-1', $4, $6, 'FOREIGN_INVESTIGATION')`,
    [consentId, victimId, categories, new Date(now - HOUR), new Date(now + 90 * 24 * HOUR), JSON.stringify(liaison)],
  );
  await db.getRepository(Handover).insert({
    id: handoverId,
    victimId,
    consentId,
    counterpartKind: liaison.kind,
    counterpartName: liaison.name,
    counterpartCountry: liaison.country,
    purpose: HandoverPurpose.FOREIGN_INVESTIGATION,
    categories,
    state: HandoverState.PREPARED,
    preparedAt: new Date(now),
    preparedBy: 'coord-1',
    sentAt: null,
    digest: null,
    signedPackageJws: null,
    withheldFields: [],
    receivedAt: null,
    receiptReference: null,
    withdrawnAt: null,
  });
  return { handoverId, consentId };
}

const commit = (basis: SendBasis) => db.transaction((tx) => commitIfStillValid(tx, basis, parts, keys));

const row = async (id: string) =>
  (await db.query<{ state: string; sent_at: Date | null; digest: string | null; signed_package: string | null; withheld_fields: string[] }[]>(
    'SELECT state, sent_at, digest, signed_package, withheld_fields FROM handover WHERE id = $1',
    [id],
  ))[0]!;

/** The refusal, as its code and message (the same as the first check's for the same case). */
const refusal = (promise: Promise<unknown>): Promise<{ code: string; message: string }> =>
  promise.then(
    () => ({ code: 'none', message: 'sent' }),
    (error: HubError) => ({ code: error.code, message: error.message }),
  );

const unsent = { sent_at: null, digest: null, signed_package: null, withheld_fields: [] };

describe('sending a hand-over: the check under the locks', () => {
  it('signs and stores the package when nothing changed between collection and commit', async () => {
    const { handoverId, consentId } = await prepared();
    const basis = await readSendBasis(db.manager, handoverId);
    const sent = await commit(basis);
    expect(sent).toMatchObject({ id: handoverId, state: HandoverState.SENT, withheldFields: ['Victim.investigations'] });
    const stored = await row(handoverId);
    expect(stored).toMatchObject({ state: 'SENT', digest: sent.digest });
    const trusted = JSON.parse(readFileSync(join(testHub().keysDir, 'trusted.jwks.json'), 'utf8')) as { keys: JWK[] };
    const verified = await verifyHandoverPackage(stored.signed_package!, trusted);
    if (!verified.ok) throw new Error(verified.reason);
    expect(verified.digest).toBe(sent.digest);
    expect(verified.package).toMatchObject({ handoverId, consentId, counterpart: liaison, purpose: 'FOREIGN_INVESTIGATION', categories, parts });
  });

  it('refuses, writing nothing, when the consent was withdrawn meanwhile (and the hand-over WITHDRAWN with it)', async () => {
    const { handoverId, consentId } = await prepared();
    const basis = await readSendBasis(db.manager, handoverId);
    // What withdrawConsent writes (consent.resolver.ts), committed while the parts are being collected: it is
    // not kept waiting, as the first step holds no lock.
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '2s'`);
      await tx.query(`UPDATE consent_grant SET withdrawn_at = now(), withdrawn_by = 'coord-2' WHERE id = $1`, [consentId]);
      await tx.query(`UPDATE handover SET state = 'WITHDRAWN', withdrawn_at = now() WHERE consent_id = $1 AND state = 'PREPARED'`, [consentId]);
    });
    expect(await refusal(commit(basis))).toEqual({ code: 'CONFLICT', message: 'The hand-over is WITHDRAWN: only a prepared hand-over is sent' });
    expect(await row(handoverId)).toEqual({ state: 'WITHDRAWN', ...unsent });
  });

  it('refuses when the consent was withdrawn meanwhile even if the hand-over is still PREPARED', async () => {
    const { handoverId, consentId } = await prepared();
    const basis = await readSendBasis(db.manager, handoverId);
    await db.query(`UPDATE consent_grant SET withdrawn_at = now(), withdrawn_by = 'coord-2' WHERE id = $1`, [consentId]);
    expect(await refusal(commit(basis))).toEqual({ code: 'CONFLICT', message: 'The consent of this hand-over is no longer in force: it cannot be sent' });
    expect(await row(handoverId)).toEqual({ state: 'PREPARED', ...unsent });
  });

  it('refuses when the consent lapsed meanwhile', async () => {
    const { handoverId, consentId } = await prepared();
    const basis = await readSendBasis(db.manager, handoverId);
    await db.query(`UPDATE consent_grant SET valid_until = now() - interval '1 second' WHERE id = $1`, [consentId]);
    expect(await refusal(commit(basis))).toEqual({ code: 'CONFLICT', message: 'The consent of this hand-over is no longer in force: it cannot be sent' });
    expect(await row(handoverId)).toEqual({ state: 'PREPARED', ...unsent });
  });

  it('refuses when what the package is built from changed meanwhile (categories, recipient)', async () => {
    const { handoverId } = await prepared();
    const basis = await readSendBasis(db.manager, handoverId);
    await db.query(`UPDATE handover SET categories = '{IDENTITY}' WHERE id = $1`, [handoverId]);
    expect(await refusal(commit(basis))).toEqual({ code: 'CONFLICT', message: 'The hand-over changed while its parts were collected: nothing was sent' });
    expect(await row(handoverId)).toEqual({ state: 'PREPARED', ...unsent });

    const other = await prepared();
    const otherBasis = await readSendBasis(db.manager, other.handoverId);
    await db.query(`UPDATE handover SET counterpart_name = 'Ghana Police Service liaison' WHERE id = $1`, [other.handoverId]);
    expect((await refusal(commit(otherBasis))).code).toBe('CONFLICT');
    expect(await row(other.handoverId)).toEqual({ state: 'PREPARED', ...unsent });
  });

  it('sends once when two sends collected at the same time: the second is refused and changes nothing', async () => {
    const { handoverId } = await prepared();
    const first = await readSendBasis(db.manager, handoverId);
    const second = await readSendBasis(db.manager, handoverId);
    const sent = await commit(first);
    expect(await refusal(commit(second))).toEqual({ code: 'CONFLICT', message: 'The hand-over is SENT: only a prepared hand-over is sent' });
    expect(await row(handoverId)).toMatchObject({ state: 'SENT', digest: sent.digest });
  });

  it('refuses before collecting anything: a hand-over not PREPARED, or one whose consent is not in force', async () => {
    const withdrawn = await prepared();
    await db.query(`UPDATE handover SET state = 'WITHDRAWN', withdrawn_at = now() WHERE id = $1`, [withdrawn.handoverId]);
    expect(await refusal(readSendBasis(db.manager, withdrawn.handoverId))).toEqual({ code: 'CONFLICT', message: 'The hand-over is WITHDRAWN: only a prepared hand-over is sent' });
    const lapsed = await prepared();
    await db.query(`UPDATE consent_grant SET valid_until = now() - interval '1 second' WHERE id = $1`, [lapsed.consentId]);
    expect(await refusal(readSendBasis(db.manager, lapsed.handoverId))).toEqual({ code: 'CONFLICT', message: 'The consent of this hand-over is no longer in force: it cannot be sent' });
    expect((await refusal(readSendBasis(db.manager, 'ho-000000000000'))).code).toBe('NOT_FOUND');
  });
});
