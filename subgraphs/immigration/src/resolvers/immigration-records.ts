import { In } from 'typeorm';
import { type SubgraphContext, byKey, groupByKey } from '@hub/shared';
import { Permit } from '../entities/permit';
import { ReflectionPeriod } from '../entities/reflection-period';
import { VoluntaryReturn } from '../entities/voluntary-return';

/** Per-request batched reads of the immigration records of many victims: one statement per table. */
export const immigrationRecords = (ctx: SubgraphContext) => ({
  reflectionPeriod: ctx.loaders.get<string, ReflectionPeriod | null>('reflectionPeriodByVictim', async (ids) =>
    byKey(ids, await ctx.dataSource.getRepository(ReflectionPeriod).findBy({ victimId: In([...ids]) }), (r) => r.victimId),
  ),
  permits: ctx.loaders.get<string, Permit[]>('permitsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(Permit).find({ where: { victimId: In([...ids]) }, order: { appliedAt: 'ASC' } }),
      (r) => r.victimId,
    ),
  ),
  returns: ctx.loaders.get<string, VoluntaryReturn[]>('returnsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(VoluntaryReturn).find({ where: { victimId: In([...ids]) }, order: { requestedAt: 'ASC' } }),
      (r) => r.victimId,
    ),
  ),
});
