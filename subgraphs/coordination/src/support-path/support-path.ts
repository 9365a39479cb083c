import { AlertKind, Stage, SupportEventKind } from '@hub/shared';

/** What the support path is computed from: the coordination unit's own records only. */
export interface PathInputs {
  /** `null` where the caller may not read it (see visible-support-path.ts). */
  minor: boolean | null;
  identifiedAt: Date | null;
  events: readonly { kind: SupportEventKind; at: Date; dueAt: Date | null }[];
  consents: readonly { validUntil: Date; withdrawnAt: Date | null; validFrom: Date }[];
}

export enum DeadlineKind {
  REFLECTION_PERIOD_END = 'REFLECTION_PERIOD_END',
  PERMIT_EXPIRY = 'PERMIT_EXPIRY',
  CONSENT_EXPIRY = 'CONSENT_EXPIRY',
}

export interface ComputedAlert {
  kind: AlertKind;
  message: string;
}

export interface ComputedDeadline {
  kind: DeadlineKind;
  dueAt: Date;
}

export interface ComputedPath {
  stage: Stage;
  nextDeadline: ComputedDeadline | null;
  /** Every future deadline, soonest first. */
  deadlines: ComputedDeadline[];
  alerts: ComputedAlert[];
}

const DAY = 24 * 60 * 60 * 1000;
export const ALERT_WINDOW_DAYS = 30;
export const HEALTH_ASSESSMENT_DAYS = 14;
/** The national guideline: a victim is informed of their rights within two weeks of being identified. */
export const RIGHTS_INFORMATION_DAYS = 14;

const latest = (events: PathInputs['events'], kinds: SupportEventKind[]) =>
  events.filter((e) => kinds.includes(e.kind)).sort((a, b) => b.at.getTime() - a.at.getTime())[0];

/** Stage from the milestones: the furthest step reached, a completed return ending the path. */
export function stageOf(events: PathInputs['events'], now: Date): Stage {
  const has = (kind: SupportEventKind) => events.some((e) => e.kind === kind && e.at <= now);
  if (has(SupportEventKind.RETURN_COMPLETED)) return Stage.RETURNED;
  if (has(SupportEventKind.PERMANENT_PERMIT_GRANTED)) return Stage.PERMANENT_RESIDENCE;
  const permit = latest(events, [SupportEventKind.TEMPORARY_PERMIT_GRANTED]);
  if (permit && (permit.dueAt === null || permit.dueAt > now)) return Stage.TEMPORARY_RESIDENCE;
  const reflection = latest(events, [SupportEventKind.REFLECTION_PERIOD_GRANTED]);
  if (reflection && reflection.dueAt !== null && reflection.dueAt > now) return Stage.REFLECTION_PERIOD;
  return Stage.IDENTIFIED;
}

/**
 * The stage, next deadline and alerts of one victim's support path: one pure function, used both to
 * show the path and to filter the caseload, so that the two always agree.
 */
export function computeSupportPath(input: PathInputs, now: Date): ComputedPath {
  const stage = stageOf(input.events, now);
  const alerts: ComputedAlert[] = [];
  const deadlines: ComputedDeadline[] = [];
  const within = (date: Date) => date > now && date.getTime() - now.getTime() <= ALERT_WINDOW_DAYS * DAY;
  const has = (kind: SupportEventKind) => input.events.some((e) => e.kind === kind);

  const reflection = latest(input.events, [SupportEventKind.REFLECTION_PERIOD_GRANTED]);
  if (stage === Stage.REFLECTION_PERIOD && reflection?.dueAt) {
    deadlines.push({ kind: DeadlineKind.REFLECTION_PERIOD_END, dueAt: reflection.dueAt });
    if (within(reflection.dueAt)) {
      const days = Math.ceil((reflection.dueAt.getTime() - now.getTime()) / DAY);
      alerts.push({ kind: AlertKind.REFLECTION_PERIOD_ENDING, message: `Reflection period ends in ${days} days` });
    }
  }
  const permit = latest(input.events, [SupportEventKind.TEMPORARY_PERMIT_GRANTED]);
  if (stage === Stage.TEMPORARY_RESIDENCE && permit?.dueAt) {
    deadlines.push({ kind: DeadlineKind.PERMIT_EXPIRY, dueAt: permit.dueAt });
  }
  if (stage !== Stage.RETURNED) {
    if (input.minor && !has(SupportEventKind.GUARDIAN_APPOINTED)) {
      alerts.push({ kind: AlertKind.MINOR_WITHOUT_GUARDIAN, message: 'Minor without an appointed guardian' });
    }
    const assessmentDue = input.identifiedAt && input.identifiedAt.getTime() + HEALTH_ASSESSMENT_DAYS * DAY;
    if (assessmentDue !== null && now.getTime() > assessmentDue && !has(SupportEventKind.HEALTH_ASSESSMENT)) {
      alerts.push({
        kind: AlertKind.NO_HEALTH_ASSESSMENT,
        message: `No health assessment ${HEALTH_ASSESSMENT_DAYS} days after identification`,
      });
    }
    const placed = latest(input.events, [SupportEventKind.SHELTER_PLACEMENT]);
    const overCapacity = latest(input.events, [SupportEventKind.SHELTER_OVER_CAPACITY]);
    if (placed && overCapacity && overCapacity.at >= placed.at) {
      alerts.push({ kind: AlertKind.SHELTER_OVER_CAPACITY, message: 'The safe house is over capacity' });
    }
  }
  // Whatever the stage: a victim who returns has rights too (voluntary return, compensation, complaint).
  const rightsDue = input.identifiedAt && input.identifiedAt.getTime() + RIGHTS_INFORMATION_DAYS * DAY;
  if (rightsDue !== null && now.getTime() >= rightsDue && !has(SupportEventKind.RIGHTS_INFORMED)) {
    alerts.push({
      kind: AlertKind.RIGHTS_NOT_INFORMED,
      message: `Not informed of their rights ${RIGHTS_INFORMATION_DAYS} days after identification`,
    });
  }
  const activeConsents = input.consents.filter((c) => c.withdrawnAt === null && c.validFrom <= now && c.validUntil > now);
  for (const consent of activeConsents) deadlines.push({ kind: DeadlineKind.CONSENT_EXPIRY, dueAt: consent.validUntil });
  const expiring = activeConsents.filter((c) => within(c.validUntil));
  if (expiring.length > 0) {
    alerts.push({ kind: AlertKind.CONSENT_EXPIRING, message: `${expiring.length} consent(s) expire within ${ALERT_WINDOW_DAYS} days` });
  }
  const future = deadlines.filter((d) => d.dueAt > now).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { stage, nextDeadline: future[0] ?? null, deadlines: future, alerts };
}
