import { type SubgraphContext, recordByVictim, recordsByVictim } from '@hub/shared';
import { Permit } from '../entities/permit';
import { ReflectionPeriod } from '../entities/reflection-period';
import { VoluntaryReturn } from '../entities/voluntary-return';

/** Per-request batched reads of the immigration records of many victims: one statement per table. */
export const immigrationRecords = (ctx: SubgraphContext) => ({
  reflectionPeriod: recordByVictim(ctx, ReflectionPeriod),
  permits: recordsByVictim(ctx, Permit, { appliedAt: 'ASC' }),
  returns: recordsByVictim(ctx, VoluntaryReturn, { requestedAt: 'ASC' }),
});
