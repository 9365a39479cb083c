import type { DataSource } from 'typeorm';
import { type Gender, type Region, type VictimAccessFacts, type VictimFactsLoader, isVictimId } from '@hub/shared';
import { victimSql } from '../caseload/victim-sql';

interface FactsRow {
  id: string;
  region: Region;
  minor: boolean;
  gender: Gender;
  police_investigation: boolean;
  referred_by_ngo: boolean;
  consents: VictimAccessFacts['consents'];
}

/**
 * What the policy needs to know of many victims, in ONE statement: region, minor, whether the police run
 * an investigation, and every consent (active or not; the decision function checks validity and withdrawal).
 * An id that is not shaped like a victim id is unknown without asking the database (no SQL error to tell apart).
 */
export const loadVictimAccessFacts =
  (dataSource: DataSource): VictimFactsLoader =>
  async (ids) => {
    const wellFormed = ids.filter(isVictimId);
    if (wellFormed.length === 0) return ids.map(() => null);
    const rows = (await dataSource.query(
      `SELECT v.id, ${victimSql.region} AS region, ${victimSql.facts.minor} AS minor, v.gender,
              ${victimSql.facts.policeInvestigation} AS police_investigation,
              ${victimSql.facts.referredByNgo} AS referred_by_ngo,
              COALESCE((SELECT json_agg(json_build_object(
                          'id', c.id, 'recipients', c.recipients, 'categories', c.categories, 'purposes', c.purposes,
                          'validFrom', c.valid_from, 'validUntil', c.valid_until, 'withdrawnAt', c.withdrawn_at,
                          'counterpart', c.counterpart, 'handoverPurpose', c.handover_purpose)
                          ORDER BY c.recorded_at)
                         FROM consent_grant c WHERE c.victim_id = v.id), '[]'::json) AS consents
         FROM victim v
        WHERE v.id = ANY($1::text[])`,
      [wellFormed],
    )) as FactsRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) return null;
      return {
        id: row.id,
        region: row.region,
        minor: row.minor,
        gender: row.gender,
        policeInvestigation: row.police_investigation,
        referredByNgo: row.referred_by_ngo,
        consents: row.consents,
      };
    });
  };
