import { In } from 'typeorm';
import { type SubgraphContext, byKey, recordsByVictim } from '@hub/shared';
import { ConsentGrant } from '../entities/consent-grant';
import { ProblemReport } from '../entities/problem-report';
import { SupportEvent } from '../entities/support-event';
import { Victim } from '../entities/victim';

/** Per-request batched reads of the registry: one statement per table, however many victims. */
export const coordinationRecords = (ctx: SubgraphContext) => ({
  victims: ctx.loaders.get<string, Victim | null>('victimById', async (ids) =>
    byKey(ids, await ctx.dataSource.getRepository(Victim).findBy({ id: In([...ids]) }), (v) => v.id),
  ),
  consents: recordsByVictim(ctx, ConsentGrant, { recordedAt: 'ASC' }),
  events: recordsByVictim(ctx, SupportEvent, { at: 'ASC', id: 'ASC' }),
  problemReports: recordsByVictim(ctx, ProblemReport, { reportedAt: 'ASC' }),
});
