/**
 * What the access-log tests share: identities, the audit database (as superuser), fresh victims, chain
 * verification through the gateway, and the lock that keeps chain checks of one file from seeing another
 * file's deliberate tampering.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Agency, type DataCategory, Purpose, Region, Role } from '@hub/shared';
import { queryAs } from '../support/client';
import { postgresUrl } from '../support/hub-info';

export const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };
export const investigator = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
export const clinician = { agency: Agency.HEALTH, role: Role.CLINICIAN, purpose: Purpose.CARE };
export const auditor = { agency: Agency.AUDIT, role: Role.AUDITOR, purpose: Purpose.AUDIT };
export const analyst = { agency: Agency.COORDINATION, role: Role.ANALYST, purpose: Purpose.STATISTICS };
export const emergency = {
  agency: Agency.COORDINATION,
  role: Role.COORDINATOR,
  purpose: Purpose.EMERGENCY,
  justification: 'Victim reported missing by the safe house; threat to life',
};

/** One row of `audit_record`, as the superuser reads it. */
export interface AuditRow {
  seq: string;
  at: Date;
  kind: string;
  request_id: string;
  service: string;
  actor: string | null;
  actor_agency: string | null;
  actor_role: string | null;
  purpose: string | null;
  victim_id: string | null;
  type_name: string | null;
  fields: string[];
  denied_fields: string[];
  categories: string[];
  decision: string | null;
  basis: string[];
  review_required: boolean;
  outcome: string | null;
  reviewed_seq: string | null;
  received_categories: string[];
  hash: string;
  seal: string;
}

/**
 * Waits until every record written so far has been integrated into the log (the sequencer's bound is about a
 * second; this fails after 10 s). Reads of `audit_record` see a request's records only after that.
 */
export async function logIntegrated(db?: Client): Promise<void> {
  if (!db) return withRawAuditDb((own) => logIntegrated(own));
  const { rows } = await db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM audit_pending');
  const upTo = rows[0]?.id;
  if (!upTo) return;
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    const left = await db.query('SELECT 1 FROM audit_pending WHERE id <= $1 LIMIT 1', [upTo]);
    if (left.rowCount === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('pending access records were not integrated within 10 s');
}

async function withRawAuditDb<T>(work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: postgresUrl('hub_audit') });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** A superuser connection to the audit database, once what was written before is integrated; closed afterwards. */
export const withAuditDb = <T>(work: (db: Client) => Promise<T>): Promise<T> =>
  withRawAuditDb(async (db) => {
    await logIntegrated(db);
    return work(db);
  });

/** Every record a request left, in chain order. */
export const recordsOf = (requestId: string): Promise<AuditRow[]> =>
  withAuditDb(async (db) => (await db.query<AuditRow>(`SELECT * FROM audit_record WHERE request_id = $1 ORDER BY seq`, [requestId])).rows);

export interface Verification {
  ok: boolean;
  checkedRecords: number;
  firstBadRecord: string | null;
  reason: string | null;
}

/** `verifyAuditChain` through the gateway, as an auditor. */
export async function verifyThroughGateway(): Promise<Verification> {
  await logIntegrated();
  const response = await queryAs<{ verifyAuditChain: Verification }>(
    auditor,
    '{ verifyAuditChain { ok checkedRecords firstBadRecord reason } }',
  );
  expect(response.errors).toBeUndefined();
  return response.data!.verifyAuditChain;
}

/**
 * The tamper-evidence test breaks the chain on purpose for a moment. Files that verify the chain take this
 * lock shared, the tamper test takes it exclusively, so that no file sees the other's deliberate damage.
 */
const LOG_LOCK = 4_242_001;
export async function withLogLock<T>(mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
  return withRawAuditDb(async (db) => {
    await db.query(mode === 'shared' ? 'SELECT pg_advisory_lock_shared($1)' : 'SELECT pg_advisory_lock($1)', [LOG_LOCK]);
    try {
      return await work();
    } finally {
      await db.query(mode === 'shared' ? 'SELECT pg_advisory_unlock_shared($1)' : 'SELECT pg_advisory_unlock($1)', [LOG_LOCK]);
    }
  });
}

export const uniqueAlias = (label: string): string => `${label} ${randomBytes(4).toString('hex')}`;
const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();

/** Registers a fresh adult victim as a coordinator; returns the new id. */
export async function identifyVictim(alias: string, { birthYear = 1994 }: { birthYear?: number } = {}): Promise<string> {
  const response = await queryAs<{ identifyVictim: { id: string } }>(
    coordinator,
    'mutation ($input: IdentifyVictimInput!) { identifyVictim(input: $input) { id } }',
    {
      input: {
        alias, birthYear, gender: 'FEMALE', nationalities: ['NG'], languages: ['en'], region: Region.EAST,
        exploitationForms: ['SEXUAL_EXPLOITATION'], identifiedAt: hoursAgo(48), identifyingAgency: Agency.POLICE,
        indicatorsPresent: [],
      },
    },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.identifyVictim.id;
}

/** Records the victim's consent to share `categories` with `recipient` for `purpose`; returns its id. */
export async function grantConsent(victimId: string, recipient: Agency, categories: DataCategory[], purpose: Purpose): Promise<string> {
  const response = await queryAs<{ grantConsent: { id: string } }>(
    coordinator,
    'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
    {
      input: {
        victimId, recipients: [recipient], categories, purposes: [purpose], validFrom: hoursAgo(1),
        validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
      },
    },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.grantConsent.id;
}

/** Opens a police investigation of the victim's case; returns its case number. */
export async function openInvestigation(victimId: string): Promise<string> {
  const caseNumber = `2025-AUD-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
  const response = await queryAs(
    investigator,
    'mutation ($input: OpenInvestigationInput!) { openInvestigation(input: $input) { id } }',
    { input: { victimId, caseNumber, district: 'Audit district', offences: ['TRAFFICKING_257'], reportedAt: hoursAgo(24) } },
  );
  expect(response.errors).toBeUndefined();
  return caseNumber;
}
