import { type AlertKind, DataCategory, type DerivedValue, declareDerivedValues } from '@hub/shared';
import { alertValues, stageValue } from '../support-path/path-values';
import type { VictimFilter } from '../resolvers/victim.types';

/**
 * What the caseload computes from each victim, and from which categories (docs/architecture.md, "Who may read
 * what"): a victim is listed, matched, counted and ordered only by what the caller may read of them.
 */
export const caseloadValues = declareDerivedValues({
  listed: { inputs: [DataCategory.CASE_STATUS], description: 'Being in the caseload at all, and counted in totalCount.' },
  byIdentification: {
    inputs: [DataCategory.IDENTIFICATION],
    description: 'Order by identification date, newest first (else by pseudonymous id): only when every listed identification is readable.',
  },
  region: { inputs: [DataCategory.CASE_STATUS], description: 'filter { region }' },
  minor: { inputs: [DataCategory.IDENTITY], description: 'filter { minor }' },
  exploitationForm: { inputs: [DataCategory.CASE_STATUS], description: 'filter { exploitationForm }' },
});

/** What one filter condition reads: the stage and alert filters read what the stage and that alert read. */
export function filterValue(field: keyof VictimFilter, alert?: AlertKind): DerivedValue {
  switch (field) {
    case 'stage':
      return stageValue;
    case 'alert':
      if (!alert) throw new Error('an alert filter names its alert');
      return alertValues[alert];
    default:
      return caseloadValues[field];
  }
}

/** Every category a victim must let the caller read to be listed and counted under `filter`. */
export function caseloadInputs(filter: VictimFilter | undefined): DataCategory[] {
  const values: DerivedValue[] = [caseloadValues.listed];
  for (const field of ['region', 'stage', 'minor', 'exploitationForm', 'alert'] as const) {
    if (filter?.[field] !== undefined && filter[field] !== null) values.push(filterValue(field, filter.alert ?? undefined));
  }
  return [...new Set(values.flatMap((v) => v.inputs))];
}

/**
 * What listing one victim on a caseload page read of them: being listed, each filter condition and, when the
 * page is ordered by it, the identification date — each a `Query.victims.*` entry of the access log with the
 * categories it is computed from (issue 8, point 4: reads made to evaluate a filter leave a record too).
 */
export function caseloadReads(filter: VictimFilter | undefined, order: 'IDENTIFICATION' | 'ID'): { field: string; categories: readonly DataCategory[] }[] {
  const reads = [{ field: 'victims.listed', categories: caseloadValues.listed.inputs }];
  for (const field of ['region', 'stage', 'minor', 'exploitationForm', 'alert'] as const) {
    if (filter?.[field] !== undefined && filter[field] !== null) {
      reads.push({ field: `victims.filter.${field}`, categories: filterValue(field, filter.alert ?? undefined).inputs });
    }
  }
  if (order === 'IDENTIFICATION') reads.push({ field: 'victims.order.identifiedAt', categories: caseloadValues.byIdentification.inputs });
  return reads;
}
