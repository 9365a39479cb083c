import {
  type AccessController,
  type Agency,
  DataCategory,
  type DerivedValue,
  type ReadableCategories,
  type SupportEventKind,
  decideDerivedValue,
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

/** The support path's fields whose values are derived, each kind of value with what it is computed from. */
const pathValues = {
  stage: { stage: stageValue },
  alerts: alertValues,
  nextDeadline: deadlineValues,
} as const satisfies Record<string, Record<string, DerivedValue>>;

/**
 * Decides and notes, for the access log, every value a support-path field is derived from, when that field leaves
 * (docs/architecture.md, "Derived values"): each kind of alert or deadline (and the stage) as one derived value
 * named `SupportPath.<field>:<kind>` — read, with every category it is computed from, when the caller may read
 * them all; refused, on its first refused input, otherwise. Every kind, whether or not it fires: that an alert is
 * absent is computed from the same inputs as the alert. The same decision as the category wrapper's for a derived
 * field (`decideDerivedValue`) and as `supportPathFor`'s, which computed the path; returns the kinds readable.
 */
export async function notePathValues(access: AccessController, victimId: string, field: keyof typeof pathValues): Promise<Set<string>> {
  const values: Record<string, DerivedValue> = pathValues[field];
  const decided = await Promise.all(
    Object.entries(values).map(async ([kind, value]) => {
      const name = field === 'stage' ? 'stage' : `${field}:${kind}`;
      return [kind, (await decideDerivedValue(access, victimId, 'SupportPath', name, value.inputs)).allow] as const;
    }),
  );
  return new Set(decided.filter(([, allow]) => allow).map(([kind]) => kind));
}
