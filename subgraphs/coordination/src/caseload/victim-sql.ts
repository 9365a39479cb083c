import { AlertKind, type VictimSql } from '@hub/shared';

/**
 * The registry's tables as the policy and the support path read them, for the victim row `v`: one SQL text per
 * fact, used by the consent look-up, the caseload's policy scope and its filters alike.
 */

/**
 * A victim's milestones, kept per victim by the database (migration VictimMilestones): one index probe instead of
 * one per event kind. A victim without events has no row: every condition then reads as false.
 */
const milestone = (column: string): string => `(SELECT ${column} FROM victim_milestones m WHERE m.victim_id = v.id)`;
const holds = (condition: string): string => `COALESCE(${condition}, FALSE)`;

export const victimSql: VictimSql = {
  region: 'v.region',
  facts: {
    minor: 'v.minor',
    policeInvestigation: holds(milestone('m.investigation')),
    referredByNgo: `v.identifying_agency = 'NGO'`,
  },
  activeConsent: (agency, category, purpose, now) =>
    `EXISTS (SELECT 1 FROM consent_grant c WHERE c.victim_id = v.id AND ${agency}::text = ANY(c.recipients)
       AND ${category}::text = ANY(c.categories) AND ${purpose}::text = ANY(c.purposes)
       AND c.valid_from <= ${now}::timestamptz AND ${now}::timestamptz < c.valid_until AND c.withdrawn_at IS NULL)`,
};

/** Placeholders of the instants the support path compares with. */
export interface PathInstants {
  now: string;
  /** `now` + the alert window (30 days). */
  windowEnd: string;
  /** `now` − the days by which a health assessment is due (14). */
  assessmentDue: string;
  /** `now` − the days by which the victim is informed of their rights (14). */
  rightsDue: string;
}

const returned = (t: PathInstants) => holds(milestone(`m.returned_at <= ${t.now}::timestamptz`));

/** The stage, as `stageOf` in support-path.ts computes it. */
export const stageSql = (t: PathInstants): string => `CASE
  WHEN ${returned(t)} THEN 'RETURNED'
  WHEN ${holds(milestone(`m.permanent_at <= ${t.now}::timestamptz`))} THEN 'PERMANENT_RESIDENCE'
  WHEN ${holds(milestone(`m.permit_at IS NOT NULL AND (m.permit_due IS NULL OR m.permit_due > ${t.now}::timestamptz)`))} THEN 'TEMPORARY_RESIDENCE'
  WHEN ${holds(milestone(`m.reflection_due > ${t.now}::timestamptz`))} THEN 'REFLECTION_PERIOD'
  ELSE 'IDENTIFIED' END`;

/** Each alert, as `computeSupportPath` raises it. */
export const alertSql: Record<AlertKind, (t: PathInstants) => string> = {
  [AlertKind.REFLECTION_PERIOD_ENDING]: (t) =>
    `(${stageSql(t)}) = 'REFLECTION_PERIOD' AND ${holds(milestone(`m.reflection_due <= ${t.windowEnd}::timestamptz`))}`,
  [AlertKind.MINOR_WITHOUT_GUARDIAN]: (t) => `NOT ${returned(t)} AND v.minor AND NOT ${holds(milestone('m.guardian'))}`,
  [AlertKind.NO_HEALTH_ASSESSMENT]: (t) =>
    `NOT ${returned(t)} AND v.identified_at < ${t.assessmentDue}::timestamptz AND NOT ${holds(milestone('m.health_assessed'))}`,
  [AlertKind.SHELTER_OVER_CAPACITY]: (t) => `NOT ${returned(t)} AND ${holds(milestone('m.over_capacity_at >= m.placed_at'))}`,
  [AlertKind.RIGHTS_NOT_INFORMED]: (t) =>
    `v.identified_at <= ${t.rightsDue}::timestamptz
       AND NOT EXISTS (SELECT 1 FROM support_event e WHERE e.victim_id = v.id AND e.kind = 'RIGHTS_INFORMED')`,
  [AlertKind.CONSENT_EXPIRING]: (t) =>
    `EXISTS (SELECT 1 FROM consent_grant c WHERE c.victim_id = v.id AND c.withdrawn_at IS NULL
       AND c.valid_from <= ${t.now}::timestamptz AND c.valid_until > ${t.now}::timestamptz AND c.valid_until <= ${t.windowEnd}::timestamptz)`,
};
