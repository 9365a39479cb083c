import { AlertKind, SupportEventKind, type VictimSql } from '@hub/shared';

/**
 * The registry's tables as the policy and the support path read them, for the victim row `v`: one SQL text per
 * fact, used by the consent look-up, the caseload's policy scope and its filters alike.
 */

/** A scalar sub-select, not `EXISTS`: the planner then probes the victim's own rows by index instead of hashing every event. */
const hasEvent = (kind: SupportEventKind, condition = ''): string =>
  `COALESCE((SELECT TRUE FROM support_event e WHERE e.victim_id = v.id AND e.kind = '${kind}'${condition} LIMIT 1), FALSE)`;
const latestEvent = (kind: SupportEventKind, expression: string): string =>
  `(SELECT ${expression} FROM support_event e WHERE e.victim_id = v.id AND e.kind = '${kind}' ORDER BY e.at DESC, e.id ASC LIMIT 1)`;

export const victimSql: VictimSql = {
  region: 'v.region',
  facts: {
    minor: 'v.minor',
    policeInvestigation: hasEvent(SupportEventKind.INVESTIGATION_OPENED),
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
}

const returned = (t: PathInstants) => hasEvent(SupportEventKind.RETURN_COMPLETED, ` AND e.at <= ${t.now}::timestamptz`);

/** The stage, as `stageOf` in support-path.ts computes it. */
export const stageSql = (t: PathInstants): string => `CASE
  WHEN ${returned(t)} THEN 'RETURNED'
  WHEN ${hasEvent(SupportEventKind.PERMANENT_PERMIT_GRANTED, ` AND e.at <= ${t.now}::timestamptz`)} THEN 'PERMANENT_RESIDENCE'
  WHEN COALESCE(${latestEvent(SupportEventKind.TEMPORARY_PERMIT_GRANTED, `e.due_at IS NULL OR e.due_at > ${t.now}::timestamptz`)}, FALSE) THEN 'TEMPORARY_RESIDENCE'
  WHEN COALESCE(${latestEvent(SupportEventKind.REFLECTION_PERIOD_GRANTED, `e.due_at > ${t.now}::timestamptz`)}, FALSE) THEN 'REFLECTION_PERIOD'
  ELSE 'IDENTIFIED' END`;

/** Each alert, as `computeSupportPath` raises it. */
export const alertSql: Record<AlertKind, (t: PathInstants) => string> = {
  [AlertKind.REFLECTION_PERIOD_ENDING]: (t) =>
    `(${stageSql(t)}) = 'REFLECTION_PERIOD'
     AND COALESCE(${latestEvent(SupportEventKind.REFLECTION_PERIOD_GRANTED, `e.due_at <= ${t.windowEnd}::timestamptz`)}, FALSE)`,
  [AlertKind.MINOR_WITHOUT_GUARDIAN]: (t) => `NOT ${returned(t)} AND v.minor AND NOT ${hasEvent(SupportEventKind.GUARDIAN_APPOINTED)}`,
  [AlertKind.NO_HEALTH_ASSESSMENT]: (t) =>
    `NOT ${returned(t)} AND v.identified_at < ${t.assessmentDue}::timestamptz AND NOT ${hasEvent(SupportEventKind.HEALTH_ASSESSMENT)}`,
  [AlertKind.SHELTER_OVER_CAPACITY]: (t) =>
    `NOT ${returned(t)} AND COALESCE(${latestEvent(SupportEventKind.SHELTER_OVER_CAPACITY, 'e.at')} >= ${latestEvent(SupportEventKind.SHELTER_PLACEMENT, 'e.at')}, FALSE)`,
  [AlertKind.CONSENT_EXPIRING]: (t) =>
    `EXISTS (SELECT 1 FROM consent_grant c WHERE c.victim_id = v.id AND c.withdrawn_at IS NULL
       AND c.valid_from <= ${t.now}::timestamptz AND c.valid_until > ${t.now}::timestamptz AND c.valid_until <= ${t.windowEnd}::timestamptz)`,
};
