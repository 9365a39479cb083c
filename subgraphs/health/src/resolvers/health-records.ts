import { type SubgraphContext, recordByVictim, recordsByVictim } from '@hub/shared';
import { HealthAssessment } from '../entities/health-assessment';
import { HealthSummary } from '../entities/health-summary';

/** Per-request batched reads of the health records of many victims: one statement per table. */
export const healthRecords = (ctx: SubgraphContext) => ({
  summary: recordByVictim(ctx, HealthSummary),
  assessments: recordsByVictim(ctx, HealthAssessment, { assessedAt: 'ASC', id: 'ASC' }),
});
