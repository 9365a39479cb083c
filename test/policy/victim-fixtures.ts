import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type ActiveConsent, Region, type VictimContext } from '@hub/shared';
import { postgresUrl } from '../support/hub-info';

/**
 * Victims written straight into every agency's database (as the PostgreSQL superuser), each with a record in
 * every subgraph, so that a field the policy allows has a non-null value and a `null` can only mean a denial.
 */

export interface VictimSpec {
  id: string;
  alias: string;
  minor: boolean;
  /** Adds an INVESTIGATION_OPENED support event: the registry then reports a police investigation. */
  policeInvestigation: boolean;
  consents: ActiveConsent[];
  /** Registered in this region instead of FIXTURE_REGION. */
  region?: Region;
  /** Identified by an NGO (the registry then reports the victim as referred by an NGO) instead of the police. */
  referredByNgo?: boolean;
}

/** What each subgraph holds about every fixture victim (the same for all of them). */
export interface FixtureRecords {
  region: Region;
  identifiedAt: string;
  reflectionEndsAt: string;
  guardianAppointedAt: string;
  shelterName: string;
  /** Names of every safe house in the directory, in the order `shelters` lists them (by id). */
  directoryNames: string[];
  /** Id of the victim's one health assessment. */
  assessmentId: (victimId: string) => string;
}

const day = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** A fresh pseudonymous id in the registry's format (v- and 16 hex digits). */
export const newVictimId = (): string => `v-${randomBytes(8).toString('hex')}`;

/** The validity periods the consent states need, relative to the real clock the hub decides with. */
export function consentPeriods(now = Date.now()) {
  return {
    active: { validFrom: iso(now - 365 * day), validUntil: iso(now + 365 * day), withdrawnAt: null },
    expired: { validFrom: iso(now - 730 * day), validUntil: iso(now - 365 * day), withdrawnAt: null },
    withdrawn: { validFrom: iso(now - 365 * day), validUntil: iso(now + 365 * day), withdrawnAt: iso(now - 30 * day) },
  };
}

export const newConsentId = (): string => `cg-${randomBytes(6).toString('hex')}`;

/** Every fixture victim is registered in this region. */
export const FIXTURE_REGION = Region.OSLO;

/** The facts `decide()` gets for a fixture victim: exactly what was inserted. */
export const victimContext = (spec: VictimSpec): VictimContext => ({
  id: spec.id,
  region: spec.region ?? FIXTURE_REGION,
  minor: spec.minor,
  policeInvestigation: spec.policeInvestigation,
  // Fixture victims are identified by the police (identifying_agency) unless the spec says an NGO referred them.
  referredByNgo: spec.referredByNgo ?? false,
  consents: spec.consents,
});

async function withClient<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `unnest`-style bulk insert: one statement per table, each of `width` columns passed as an array. */
const columns = <T>(rows: T[], width: number, pick: (row: T) => unknown[]): unknown[][] =>
  Array.from({ length: width }, (_, i) => rows.map((r) => pick(r)[i]));

export async function insertVictims(specs: VictimSpec[]): Promise<FixtureRecords> {
  const now = Date.now();
  const records = {
    region: FIXTURE_REGION,
    identifiedAt: iso(Math.floor((now - 200 * day) / 1000) * 1000),
    reflectionEndsAt: iso(Math.floor((now + 90 * day) / 1000) * 1000),
    guardianAppointedAt: iso(Math.floor((now - 100 * day) / 1000) * 1000),
  };
  const thisYear = new Date(now).getUTCFullYear();
  await withClient('hub_coordination', async (db) => {
    await db.query(
      `INSERT INTO victim (id, alias, birth_year, gender, nationalities, languages, minor, region, exploitation_forms,
                           coordinator, identified_at, identifying_agency, indicators_present)
       SELECT id, alias, birth_year, 'FEMALE', ARRAY['NG'], ARRAY['en'], minor, region, ARRAY['SEXUAL_EXPLOITATION'],
              'coord-matrix', $6, identifying_agency, ARRAY[]::text[]
         FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[]) AS t(id, alias, minor, region, identifying_agency),
              LATERAL (SELECT CASE WHEN t.minor THEN ${thisYear - 15} ELSE ${thisYear - 30} END AS birth_year) AS b`,
      [
        ...columns(specs, 5, (s) => [s.id, s.alias, s.minor, s.region ?? records.region, s.referredByNgo ? 'NGO' : 'POLICE']),
        records.identifiedAt,
      ],
    );
    const consents = specs.flatMap((s) => s.consents.map((c) => ({ victimId: s.id, ...c })));
    await db.query(
      `INSERT INTO consent_grant (id, victim_id, recipients, categories, purposes, valid_from, valid_until, given_by, given_at,
                                  form, recorded_by, recorded_at, withdrawn_at, withdrawn_by)
       SELECT id, victim_id, string_to_array(recipients, ','), string_to_array(categories, ','), string_to_array(purposes, ','),
              valid_from, valid_until, 'VICTIM', valid_from, 'WRITTEN', 'coord-matrix', valid_from, withdrawn_at,
              CASE WHEN withdrawn_at IS NULL THEN NULL ELSE 'coord-matrix' END
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
           AS t(id, victim_id, recipients, categories, purposes, valid_from, valid_until, withdrawn_at)`,
      columns(consents, 8, (c) => [
        c.id,
        c.victimId,
        c.recipients.join(','),
        c.categories.join(','),
        c.purposes.join(','),
        c.validFrom,
        c.validUntil,
        c.withdrawnAt,
      ]),
    );
    const investigated = specs.filter((s) => s.policeInvestigation).map((s) => s.id);
    await db.query(
      `INSERT INTO support_event (id, victim_id, at, agency, kind, summary)
       SELECT 'ev-' || substr(md5(victim_id), 1, 12), victim_id, $2, 'POLICE', 'INVESTIGATION_OPENED', 'Investigation opened'
         FROM unnest($1::text[]) AS t(victim_id)`,
      [investigated, records.identifiedAt],
    );
  });
  const ids = specs.map((s) => s.id);
  await withClient('hub_police', (db) =>
    db.query(`INSERT INTO cooperation (victim_id, since) SELECT unnest($1::text[]), $2`, [ids, records.identifiedAt]),
  );
  await withClient('hub_immigration', (db) =>
    db.query(
      `INSERT INTO reflection_period (id, victim_id, granted_at, ends_at)
       SELECT 'rp-' || substr(md5(victim_id), 1, 12), victim_id, $2::timestamptz - interval '6 months', $2
         FROM unnest($1::text[]) AS t(victim_id)`,
      [ids, records.reflectionEndsAt],
    ),
  );
  const { shelterName, directoryNames } = await withClient('hub_social_services', async (db) => {
    const shelters = (await db.query<{ id: string; name: string }>(`SELECT id, name FROM shelter ORDER BY id`)).rows;
    const shelter = shelters[0]!;
    await db.query(
      `INSERT INTO assistance_decision (victim_id, accepted, decided_at) SELECT unnest($1::text[]), true, $2`,
      [ids, records.identifiedAt],
    );
    // A stay that has ended: it is a record of the victim, yet takes no bed from the house other tests count.
    await db.query(
      `INSERT INTO placement (id, victim_id, shelter_id, placed_from, placed_until)
       SELECT 'pl-' || substr(md5(victim_id), 1, 12), victim_id, $2, $3::timestamptz, $3::timestamptz + interval '30 days'
         FROM unnest($1::text[]) AS t(victim_id)`,
      [ids, shelter.id, records.identifiedAt],
    );
    return { shelterName: shelter.name, directoryNames: shelters.map((s) => s.name) };
  });
  const assessmentId = (victimId: string): string => `ha-${victimId.slice(2)}`;
  await withClient('hub_health', async (db) => {
    await db.query(
      `INSERT INTO health_summary (victim_id, has_gp, assessment_done, follow_up_needed, last_contact_at)
       SELECT unnest($1::text[]), true, true, false, $2`,
      [ids, records.identifiedAt],
    );
    await db.query(
      `INSERT INTO health_assessment (id, victim_id, assessed_at, clinician, findings, notes)
       SELECT id, victim_id, $3, 'clin-matrix', ARRAY['PTSD_SYMPTOMS'], 'Matrix fixture'
         FROM unnest($1::text[], $2::text[]) AS t(id, victim_id)`,
      [ids.map(assessmentId), ids, records.identifiedAt],
    );
  });
  await withClient('hub_child_welfare', (db) =>
    db.query(
      `INSERT INTO guardianship (id, victim_id, guardian_name, appointed_at)
       SELECT 'gd-' || substr(md5(victim_id), 1, 12), victim_id, 'Matrix Guardian', $2 FROM unnest($1::text[]) AS t(victim_id)`,
      [ids, records.guardianAppointedAt],
    ),
  );
  return { ...records, shelterName, directoryNames, assessmentId };
}

/** Removes the fixture victims and every record of theirs, so that later test files see the seed caseload. */
export async function deleteVictims(ids: string[]): Promise<void> {
  const perDatabase: Record<string, string[]> = {
    hub_coordination: ['consent_grant', 'support_event', 'victim'],
    hub_police: ['cooperation'],
    hub_immigration: ['reflection_period'],
    hub_social_services: ['assistance_decision', 'placement'],
    hub_health: ['health_summary', 'health_assessment'],
    hub_child_welfare: ['guardianship'],
  };
  for (const [database, tables] of Object.entries(perDatabase)) {
    await withClient(database, async (db) => {
      for (const table of tables) {
        await db.query(`DELETE FROM ${table} WHERE ${table === 'victim' ? 'id' : 'victim_id'} = ANY($1::text[])`, [ids]);
      }
    });
  }
}
