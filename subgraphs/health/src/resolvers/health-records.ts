import { In } from 'typeorm';
import { type SubgraphContext, byKey, groupByKey } from '@hub/shared';
import { HealthAssessment } from '../entities/health-assessment';
import { HealthSummary } from '../entities/health-summary';

/** Per-request batched reads of the health records of many victims: one statement per table. */
export const healthRecords = (ctx: SubgraphContext) => ({
  summary: ctx.loaders.get<string, HealthSummary | null>('healthSummaryByVictim', async (ids) =>
    byKey(ids, await ctx.dataSource.getRepository(HealthSummary).findBy({ victimId: In([...ids]) }), (r) => r.victimId),
  ),
  assessments: ctx.loaders.get<string, HealthAssessment[]>('healthAssessmentsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource
        .getRepository(HealthAssessment)
        .find({ where: { victimId: In([...ids]) }, order: { assessedAt: 'ASC', id: 'ASC' } }),
      (r) => r.victimId,
    ),
  ),
});
