/**
 * The log's proofs through the gateway, checked here with the RFC 9162 verification algorithms and the C2SP
 * signatures (the audit service's public key, the witness's verifier key): an auditor's inclusion proof of a
 * record and consistency proof between heads; a victim's access history, each entry with what proves it is in
 * the log. And each service writes as itself: the writer is what its signature proves, never the payload.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Agency, DataCategory, Purpose } from '@hub/shared';
import { verifyConsistency, verifyInclusion } from '@hub/shared/src/audit/transparency/merkle';
import { parseCheckpointBody, parseNote, parseVerifierKey, verifyCheckpointSignature, verifyCosignature } from '@hub/shared/src/audit/transparency/signed-note';
import { codes, queryAs } from '../support/client';
import { postgresUrl, testHub } from '../support/hub-info';
import { auditor, coordinator, grantConsent, identifyVictim, investigator, recordsOf, uniqueAlias, withAuditDb } from './audit-support';
import { witnessVkey, witnessed } from './log-tampering';

interface Head {
  size: number;
  rootHash: string;
  checkpoint: string;
  witnessed: boolean;
}

const auditKey = () => {
  const { keys } = JSON.parse(readFileSync(join(testHub().keysDir, 'trusted.jwks.json'), 'utf8')) as { keys: { kid: string; x: string }[] };
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: keys.find((k) => k.kid === 'audit')!.x }, format: 'jwk' });
};

/** A head as a client checks it: signed by the audit service, cosigned by the witness, root as announced. */
function checkHead(head: Head): Buffer {
  const note = parseNote(head.checkpoint);
  expect(verifyCheckpointSignature(note, 'audit', auditKey())).toBe(true);
  const witness = parseVerifierKey(witnessVkey());
  expect(verifyCosignature(note, witness.name, witness.key)).not.toBeNull();
  const body = parseCheckpointBody(note.body);
  expect({ size: body.size, root: body.root.toString('hex') }).toEqual({ size: head.size, root: head.rootHash });
  return body.root;
}

const proofFields = 'seq leafIndex leafHash inclusionPath head { size rootHash checkpoint witnessed }';
type Proof = { seq: string; leafIndex: number; leafHash: string; inclusionPath: string[]; head: Head };
const verifies = (p: Proof, root: Buffer) =>
  verifyInclusion(Buffer.from(p.leafHash, 'hex'), p.leafIndex, p.head.size, p.inclusionPath.map((h) => Buffer.from(h, 'hex')), root);

describe('proofs of the access log', () => {
  it("gives an auditor an inclusion proof of a record against a witnessed head, with log n hashes; nobody else gets one", async () => {
    const read = await queryAs(investigator, '{ victims(first: 2) { edges { node { id } } } }');
    const [record] = await recordsOf(read.requestId!);
    await witnessed();
    const response = await queryAs<{ accessRecordProof: Proof }>(auditor, `query ($seq: ID!) { accessRecordProof(seq: $seq) { ${proofFields} } }`, {
      seq: record!.seq,
    });
    expect(response.errors).toBeUndefined();
    const proof = response.data!.accessRecordProof;
    expect(proof).toMatchObject({ seq: record!.seq, leafIndex: Number(record!.seq) - 1, leafHash: record!.hash, head: { witnessed: true } });
    const root = checkHead(proof.head);
    expect(verifies(proof, root)).toBe(true);
    expect(proof.inclusionPath.length).toBeLessThanOrEqual(Math.ceil(Math.log2(proof.head.size)));
    // The same proof for another leaf, or against another root, does not check.
    expect(verifies({ ...proof, leafHash: '00'.repeat(32) }, root)).toBe(false);
    expect(verifies(proof, Buffer.alloc(32))).toBe(false);

    expect(codes(await queryAs(coordinator, `query ($seq: ID!) { accessRecordProof(seq: $seq) { seq } }`, { seq: record!.seq }))).toEqual(['FORBIDDEN']);
    expect(codes(await queryAs(auditor, `{ accessRecordProof(seq: "999999999") { seq } }`))).toEqual(['NOT_FOUND']);
  });

  it('gives a consistency proof between two signed heads that the RFC 9162 algorithm accepts', async () => {
    const first = await queryAs<{ latestTreeHead: Head }>(auditor, '{ latestTreeHead { size rootHash checkpoint witnessed } }');
    const older = first.data!.latestTreeHead;
    for (let i = 0; i < 3; i += 1) await queryAs(coordinator, '{ victims(first: 3) { edges { node { id alias } } } }');
    await witnessed();
    const response = await queryAs<{ treeConsistency: { fromSize: number; toSize: number; fromHead: Head; toHead: Head; proof: string[] } }>(
      auditor,
      `query ($from: Int!) { treeConsistency(from: $from) { fromSize toSize proof fromHead { size rootHash checkpoint witnessed }
         toHead { size rootHash checkpoint witnessed } } }`,
      { from: older.size },
    );
    expect(response.errors).toBeUndefined();
    const c = response.data!.treeConsistency;
    expect(c.toSize).toBeGreaterThan(c.fromSize);
    const fromRoot = parseCheckpointBody(parseNote(c.fromHead.checkpoint).body).root;
    expect(verifyCheckpointSignature(parseNote(c.fromHead.checkpoint), 'audit', auditKey())).toBe(true);
    const toRoot = checkHead(c.toHead);
    const proof = c.proof.map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency(c.fromSize, c.toSize, fromRoot, toRoot, proof)).toBe(true);
    expect(verifyConsistency(c.fromSize, c.toSize, Buffer.alloc(32), toRoot, proof)).toBe(false);
    expect(codes(await queryAs(auditor, '{ treeConsistency(from: 0) { toSize } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it("lists in a victim's access history only the categories received, each entry with inclusion proofs against a witnessed head", async () => {
    const subject = await identifyVictim(uniqueAlias('Proof Subject'));
    await grantConsent(subject, Agency.POLICE, [DataCategory.IDENTITY], Purpose.INVESTIGATION);
    // alias (IDENTITY) is received; region (CASE_STATUS, not consented) is refused in the same request.
    expect(codes(await queryAs(investigator, 'query ($id: ID!) { victim(id: $id) { id alias region } }', { id: subject }))).toEqual(['CONSENT_REQUIRED']);
    await witnessed();
    const response = await queryAs<{ victim: { accessHistory: { agency: string; categories: string[]; proofs: Proof[] }[] } }>(
      coordinator,
      `query ($id: ID!) { victim(id: $id) { accessHistory { agency categories proofs { ${proofFields} } } } }`,
      { id: subject },
    );
    expect(response.errors).toBeUndefined();
    const police = response.data!.victim.accessHistory.filter((e) => e.agency === Agency.POLICE);
    expect(police.map((e) => e.categories)).toEqual([[DataCategory.IDENTITY]]);
    expect(police[0]!.proofs.length).toBeGreaterThan(0);
    for (const proof of police[0]!.proofs) expect(verifies(proof, checkHead(proof.head))).toBe(true);
  });
});

describe('each service writes the log as itself (issue 8, point 9)', () => {
  const writer = async <T>(work: (db: Client) => Promise<T>): Promise<T> => {
    const url = new URL(postgresUrl('hub_audit'));
    url.username = 'hub_audit_writer';
    url.password = readFileSync(join(testHub().keysDir, 'audit-writer.secret'), 'utf8').trim();
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  };

  it('records the writer its signature proves: records claiming another service, or forging a review, are logged as unverified and flag nothing', async () => {
    const tag = `forged-${Date.now()}`;
    await writer(async (db) => {
      // A compromised service claims to be the police (no police signature), claims an emergency read, and tries a review.
      await db.query(
        `INSERT INTO audit_pending (kind, request_id, writer, writer_signature, purpose, victim_id, fields, categories, received_categories, decision, basis)
         VALUES ('FIELD_ACCESS', $1, 'police', 'AAAA', 'EMERGENCY', 'v-x', '{Victim.alias}', '{IDENTITY}', '{IDENTITY}', 'ALLOW', '{EMERGENCY}'),
                ('REVIEW', $1, 'audit', NULL, 'AUDIT', NULL, '{}', '{}', '{}', NULL, '{}')`,
        [tag],
      );
      // Writers cannot set the review flag or the reviewed record at all.
      await expect(db.query(`INSERT INTO audit_pending (kind, request_id, writer, review_required) VALUES ('OPERATION', $1, 'gateway', true)`, [tag])).rejects.toMatchObject({ code: '42703' });
    });
    const records = await recordsOf(tag);
    expect(records.map((r) => ({ kind: r.kind, service: r.service, review: r.review_required }))).toEqual([
      { kind: 'FIELD_ACCESS', service: 'unverified', review: false },
      { kind: 'REVIEW', service: 'unverified', review: false },
    ]);
    // A genuine emergency read, signed by the coordination service, is flagged by the audit service itself.
    const emergencyRead = await queryAs(
      { agency: Agency.COORDINATION, role: 'COORDINATOR' as never, purpose: Purpose.EMERGENCY, justification: 'Victim missing from the safe house; threat to life' },
      '{ victims(first: 1) { edges { node { id alias } } } }',
    );
    const genuine = (await recordsOf(emergencyRead.requestId!)).filter((r) => r.kind === 'FIELD_ACCESS');
    expect(genuine.length).toBeGreaterThan(0);
    expect(genuine.every((r) => r.service === 'coordination' && r.review_required)).toBe(true);
    const operation = (await recordsOf(emergencyRead.requestId!)).find((r) => r.kind === 'OPERATION');
    expect(operation?.service).toBe('gateway');
    await withAuditDb(async (db) => {
      const unverified = await db.query(`SELECT 1 FROM audit_record WHERE request_id = $1 AND service = 'unverified'`, [emergencyRead.requestId]);
      expect(unverified.rowCount).toBe(0);
    });
  });
});
