import { type SubgraphContext, recordsByVictim } from '@hub/shared';
import { ChildWelfareMeasure } from '../entities/child-welfare-measure';
import { Guardianship } from '../entities/guardianship';

/** Per-request batched reads of the child-welfare records of many victims: one statement per table. */
export const childWelfareRecords = (ctx: SubgraphContext) => ({
  // One loader for the current guardian and the history alike, so both fields cost one statement.
  guardianships: recordsByVictim(ctx, Guardianship, { appointedAt: 'ASC', id: 'ASC' }),
  measures: recordsByVictim(ctx, ChildWelfareMeasure, { decidedAt: 'ASC', id: 'ASC' }),
});
