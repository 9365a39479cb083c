import { type KeyObject, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashLeaf } from './transparency/merkle';

/**
 * The byte-exact forms the access log hashes and signs. Both are JSON arrays in a fixed order, so an
 * export (which carries the same values) can be re-hashed anywhere.
 * - The writer's payload: what a service asserts about one access. The service signs it with its own key;
 *   the audit service records the writer from that key, never from the payload.
 * - The record's canonical form: every column an auditor reads, `at` in microseconds (UTC, ISO 8601 with
 *   six decimals). Its RFC 9162 leaf hash is the record's leaf in the log's Merkle tree.
 */
export interface WriterPayload {
  kind: string;
  requestId: string;
  writer: string;
  actor: string | null;
  actorAgency: string | null;
  actorRole: string | null;
  purpose: string | null;
  justification: string | null;
  victimId: string | null;
  typeName: string | null;
  fields: string[];
  deniedFields: string[];
  categories: string[];
  /** Categories of the fields returned, not of those refused. */
  receivedCategories: string[];
  decision: string | null;
  basis: string[];
  operationName: string | null;
  documentHash: string | null;
  outcome: string | null;
  durationMs: number | null;
  reviewedSeq: string | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
}

/** One integrated record, as the log, its API and its export give it. */
export interface LoggedRecord extends Omit<WriterPayload, 'writer'> {
  seq: string;
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ` */
  at: string;
  /** The writer whose signature checked (or `unverified`). */
  subgraph: string;
  reviewRequired: boolean;
}

export const writerPayloadForm = (p: WriterPayload): string =>
  JSON.stringify([
    'access-record-payload/v1', p.kind, p.requestId, p.writer, p.actor, p.actorAgency, p.actorRole, p.purpose, p.justification,
    p.victimId, p.typeName, p.fields, p.deniedFields, p.categories, p.receivedCategories, p.decision, p.basis, p.operationName, p.documentHash,
    p.outcome, p.durationMs, p.reviewedSeq, p.reviewOutcome, p.reviewNote,
  ]);

export const canonicalRecordForm = (r: LoggedRecord): string =>
  JSON.stringify([
    'access-record/v1', r.seq, r.at, r.kind, r.requestId, r.subgraph, r.actor, r.actorAgency, r.actorRole, r.purpose,
    r.justification, r.victimId, r.typeName, r.fields, r.deniedFields, r.categories, r.receivedCategories, r.decision, r.basis, r.reviewRequired,
    r.operationName, r.documentHash, r.outcome, r.durationMs, r.reviewedSeq, r.reviewOutcome, r.reviewNote,
  ]);

export const recordLeafHash = (r: LoggedRecord): Buffer => hashLeaf(Buffer.from(canonicalRecordForm(r), 'utf8'));

/** The writer's payload a logged record carries (to check the writer's signature again). */
export const payloadOf = (r: LoggedRecord): WriterPayload => ({
  kind: r.kind, requestId: r.requestId, writer: r.subgraph, actor: r.actor, actorAgency: r.actorAgency, actorRole: r.actorRole,
  purpose: r.purpose, justification: r.justification, victimId: r.victimId, typeName: r.typeName, fields: r.fields,
  deniedFields: r.deniedFields, categories: r.categories, receivedCategories: r.receivedCategories, decision: r.decision, basis: r.basis, operationName: r.operationName,
  documentHash: r.documentHash, outcome: r.outcome, durationMs: r.durationMs, reviewedSeq: r.reviewedSeq,
  reviewOutcome: r.reviewOutcome, reviewNote: r.reviewNote,
});

/** The hub services' public keys (`trusted.jwks.json` in the keys folder), by service name. */
export function trustedPublicKeys(keysDir: string): Map<string, KeyObject> {
  const { keys } = JSON.parse(readFileSync(join(keysDir, 'trusted.jwks.json'), 'utf8')) as { keys: { kid: string; x: string }[] };
  return new Map(keys.map((k) => [k.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' })]));
}

/**
 * Whether emergency review is required: computed by the audit service from what was read, never taken
 * from a writer (docs/architecture.md#the-access-log: every emergency access is flagged for review).
 */
export const requiresReview = (p: Pick<WriterPayload, 'kind' | 'purpose' | 'fields'>): boolean =>
  p.kind === 'FIELD_ACCESS' && p.purpose === 'EMERGENCY' && p.fields.length > 0;
