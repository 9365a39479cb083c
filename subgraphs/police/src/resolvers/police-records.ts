import { type SubgraphContext, recordByVictim, recordsByVictim } from '@hub/shared';
import { Cooperation } from '../entities/cooperation';
import { Investigation } from '../entities/investigation';
import { Testimony } from '../entities/testimony';

/** Per-request batched reads of the police records of many victims: one statement per table. */
export const policeRecords = (ctx: SubgraphContext) => ({
  investigations: recordsByVictim(ctx, Investigation, { openedAt: 'ASC' }),
  cooperation: recordByVictim(ctx, Cooperation),
  testimonies: recordsByVictim(ctx, Testimony, { givenAt: 'ASC' }),
});
