import { Stage } from '../domain/enums';
import type { ImmigrationRecords } from './caseload-types';

/** One victim's immigration records. */
export interface ImmigrationHistory {
  reflectionPeriods: readonly ImmigrationRecords['reflectionPeriods'][number][];
  permits: readonly ImmigrationRecords['permits'][number][];
  returns: readonly ImmigrationRecords['returns'][number][];
}

/**
 * Where a victim stands at `asOf`, from the immigration records alone: returned, then permanent
 * residence, a valid temporary permit, a running reflection period; otherwise just identified.
 */
export function stageAt(history: ImmigrationHistory, asOf: Date): Stage {
  const t = asOf.getTime();
  const passed = (d: string | null): boolean => d !== null && Date.parse(d) <= t;
  if (history.returns.some((r) => passed(r.completedAt))) return Stage.RETURNED;
  const granted = history.permits.filter((p) => p.decision === 'GRANTED' && passed(p.decidedAt));
  if (granted.some((p) => p.type === 'PERMANENT_RESIDENCE')) return Stage.PERMANENT_RESIDENCE;
  const validTemporary = granted.some(
    (p) => p.type === 'TEMPORARY_RESIDENCE' && passed(p.validFrom) && p.validUntil !== null && Date.parse(p.validUntil) > t,
  );
  if (validTemporary) return Stage.TEMPORARY_RESIDENCE;
  if (history.reflectionPeriods.some((r) => passed(r.grantedAt) && Date.parse(r.endsAt) > t)) return Stage.REFLECTION_PERIOD;
  return Stage.IDENTIFIED;
}
