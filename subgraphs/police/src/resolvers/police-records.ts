import { In } from 'typeorm';
import { type SubgraphContext, byKey, groupByKey } from '@hub/shared';
import { Cooperation } from '../entities/cooperation';
import { Investigation } from '../entities/investigation';
import { Testimony } from '../entities/testimony';

/** Per-request batched reads of the police records of many victims: one statement per table. */
export const policeRecords = (ctx: SubgraphContext) => ({
  investigations: ctx.loaders.get<string, Investigation[]>('investigationsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(Investigation).find({ where: { victimId: In([...ids]) }, order: { openedAt: 'ASC' } }),
      (r) => r.victimId,
    ),
  ),
  cooperation: ctx.loaders.get<string, Cooperation | null>('cooperationByVictim', async (ids) =>
    byKey(ids, await ctx.dataSource.getRepository(Cooperation).findBy({ victimId: In([...ids]) }), (r) => r.victimId),
  ),
  testimonies: ctx.loaders.get<string, Testimony[]>('testimoniesByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(Testimony).find({ where: { victimId: In([...ids]) }, order: { givenAt: 'ASC' } }),
      (r) => r.victimId,
    ),
  ),
});
