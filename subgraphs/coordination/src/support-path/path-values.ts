import { AlertKind, DataCategory, type DerivedValue, declareDerivedValues } from '@hub/shared';
import { DeadlineKind } from './support-path';

const { CASE_STATUS, CONSENT, HEALTH_SUMMARY, IDENTIFICATION, IDENTITY, IMMIGRATION, RIGHTS_INFORMATION, SOCIAL } = DataCategory;

/**
 * What every value of the support path is computed from (docs/architecture.md, "Who may read what"). The stage
 * reads case-status milestones only; each alert and deadline also reads the category of the facts it reveals.
 */
export const stageValue: DerivedValue = {
  inputs: [CASE_STATUS],
  description: 'The furthest step reached, from the case-status milestones (reflection period, permits, return).',
};

export const alertValues: Readonly<Record<AlertKind, DerivedValue>> = declareDerivedValues({
  [AlertKind.REFLECTION_PERIOD_ENDING]: {
    inputs: [CASE_STATUS, IMMIGRATION],
    description: 'The reflection period ends within 30 days: tells its end date, an immigration fact.',
  },
  [AlertKind.MINOR_WITHOUT_GUARDIAN]: {
    inputs: [CASE_STATUS, IDENTITY],
    description: 'A minor (identity) without a guardian-appointed milestone (case status).',
  },
  [AlertKind.NO_HEALTH_ASSESSMENT]: {
    inputs: [CASE_STATUS, IDENTIFICATION, HEALTH_SUMMARY],
    description: 'No health assessment (health summary) 14 days after identification (identification date).',
  },
  [AlertKind.CONSENT_EXPIRING]: {
    inputs: [CONSENT],
    description: 'An active consent expires within 30 days: tells consent dates.',
  },
  [AlertKind.SHELTER_OVER_CAPACITY]: {
    inputs: [CASE_STATUS, SOCIAL],
    description: "The safe house of the latest placement is over capacity: social services' placements.",
  },
  [AlertKind.RIGHTS_NOT_INFORMED]: {
    inputs: [CASE_STATUS, IDENTIFICATION, RIGHTS_INFORMATION],
    description:
      "No agency has recorded rights information (every agency's, so no one agency's own records) 14 days or more after identification (identification date).",
  },
});

export const deadlineValues: Readonly<Record<DeadlineKind, DerivedValue>> = declareDerivedValues({
  [DeadlineKind.REFLECTION_PERIOD_END]: {
    inputs: [CASE_STATUS, IMMIGRATION],
    description: 'The end date of the current reflection period.',
  },
  [DeadlineKind.PERMIT_EXPIRY]: {
    inputs: [CASE_STATUS, IMMIGRATION],
    description: 'The expiry date of the current temporary permit.',
  },
  [DeadlineKind.CONSENT_EXPIRY]: {
    inputs: [CONSENT],
    description: 'The expiry date of an active consent.',
  },
});
