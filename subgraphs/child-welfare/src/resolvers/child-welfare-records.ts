import { In } from 'typeorm';
import { type SubgraphContext, groupByKey } from '@hub/shared';
import { ChildWelfareMeasure } from '../entities/child-welfare-measure';
import { Guardianship } from '../entities/guardianship';

/** Per-request batched reads of the child-welfare records of many victims: one statement per table. */
export const childWelfareRecords = (ctx: SubgraphContext) => ({
  // One loader for the current guardian and the history alike, so both fields cost one statement.
  guardianships: ctx.loaders.get<string, Guardianship[]>('guardianshipsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource
        .getRepository(Guardianship)
        .find({ where: { victimId: In([...ids]) }, order: { appointedAt: 'ASC', id: 'ASC' } }),
      (r) => r.victimId,
    ),
  ),
  measures: ctx.loaders.get<string, ChildWelfareMeasure[]>('childWelfareMeasuresByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource
        .getRepository(ChildWelfareMeasure)
        .find({ where: { victimId: In([...ids]) }, order: { decidedAt: 'ASC', id: 'ASC' } }),
      (r) => r.victimId,
    ),
  ),
});
