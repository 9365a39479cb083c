import {
  type AccessController,
  type Agency,
  DataCategory,
  type ReadableCategories,
  type SupportEventKind,
  mayDerive,
  milestoneCategory,
  readableCategories,
} from '@hub/shared';
import { alertValues, deadlineValues, stageValue } from './path-values';
import { type ComputedPath, type PathInputs, computeSupportPath } from './support-path';

/** A victim's own records, as the support path reads them, each event with the agency that contributed it. */
export interface RecordedPathInputs extends Omit<PathInputs, 'events'> {
  events: readonly { agency: Agency; kind: SupportEventKind; at: Date; dueAt: Date | null }[];
}

/** Every category the support path's values can read. */
export const pathInputCategories = (): DataCategory[] => [
  ...new Set([...stageValue.inputs, ...Object.values(alertValues).flatMap((v) => v.inputs), ...Object.values(deadlineValues).flatMap((v) => v.inputs)]),
];

/**
 * The support path as a caller who may read `readable` sees it. An input the caller may not read is absent
 * before anything is computed (events of an unreadable category, consents, minor, the identification date), and
 * an alert or deadline whose declared inputs are not all readable does not exist for the caller.
 */
export function visibleSupportPath(input: RecordedPathInputs, now: Date, readable: ReadableCategories): ComputedPath {
  const scoped: PathInputs = {
    minor: readable.has(DataCategory.IDENTITY) ? input.minor : null,
    identifiedAt: readable.has(DataCategory.IDENTIFICATION) ? input.identifiedAt : null,
    events: input.events.filter((e) => readable.has(milestoneCategory(e.agency, e.kind))),
    consents: readable.has(DataCategory.CONSENT) ? input.consents : [],
  };
  if (!mayDerive(stageValue, readable)) throw new Error('the support path is shown only with its stage readable');
  const computed = computeSupportPath(scoped, now);
  const deadlines = computed.deadlines.filter((d) => mayDerive(deadlineValues[d.kind], readable));
  return {
    stage: computed.stage,
    nextDeadline: deadlines[0] ?? null,
    deadlines,
    alerts: computed.alerts.filter((a) => mayDerive(alertValues[a.kind], readable)),
  };
}

/** The support path of one victim for the caller behind `access`: what they may read decides what is derived. */
export async function supportPathFor(access: AccessController, victimId: string, input: RecordedPathInputs, now: Date): Promise<ComputedPath> {
  const asked = [...pathInputCategories(), ...input.events.map((e) => milestoneCategory(e.agency, e.kind))];
  return visibleSupportPath(input, now, await readableCategories(access, victimId, [...new Set(asked)]));
}
