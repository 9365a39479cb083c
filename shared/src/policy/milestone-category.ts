import { type Agency, DataCategory, SupportEventKind, agencyEventCategory } from '../domain/enums';

/**
 * Milestones whose kind and date are case status, whichever agency recorded them: where a victim stands
 * (identified, in a reflection period, with a permit, returned) and whether a minor has a guardian — not who
 * the guardian is, nor how long a period lasts. Every other milestone carries its agency's category (a health
 * assessment is HEALTH_SUMMARY, a shelter placement SOCIAL). See docs/architecture.md, "Who may read what".
 */
export const caseStatusMilestones: readonly SupportEventKind[] = [
  SupportEventKind.IDENTIFIED,
  SupportEventKind.REFLECTION_PERIOD_GRANTED,
  SupportEventKind.TEMPORARY_PERMIT_GRANTED,
  SupportEventKind.PERMANENT_PERMIT_GRANTED,
  SupportEventKind.RETURN_COMPLETED,
  SupportEventKind.GUARDIAN_APPOINTED,
];

/** Milestones of the agency kit's records, which every agency that handles cases keeps: their own category. */
export const kitMilestoneCategories: Partial<Record<SupportEventKind, DataCategory>> = {
  [SupportEventKind.RIGHTS_INFORMED]: DataCategory.RIGHTS_INFORMATION,
};

/** The category of a support-path milestone, as an input of the values derived from it. */
export const milestoneCategory = (agency: Agency, kind: SupportEventKind): DataCategory =>
  caseStatusMilestones.includes(kind) ? DataCategory.CASE_STATUS : (kitMilestoneCategories[kind] ?? agencyEventCategory[agency]);
