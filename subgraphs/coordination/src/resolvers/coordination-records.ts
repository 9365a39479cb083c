import { In } from 'typeorm';
import { type SubgraphContext, byKey, groupByKey } from '@hub/shared';
import { ConsentGrant } from '../entities/consent-grant';
import { ProblemReport } from '../entities/problem-report';
import { SupportEvent } from '../entities/support-event';
import { Victim } from '../entities/victim';

/** Per-request batched reads of the registry: one statement per table, however many victims. */
export const coordinationRecords = (ctx: SubgraphContext) => ({
  victims: ctx.loaders.get<string, Victim | null>('victimById', async (ids) =>
    byKey(ids, await ctx.dataSource.getRepository(Victim).findBy({ id: In([...ids]) }), (v) => v.id),
  ),
  consents: ctx.loaders.get<string, ConsentGrant[]>('consentsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(ConsentGrant).find({ where: { victimId: In([...ids]) }, order: { recordedAt: 'ASC' } }),
      (c) => c.victimId,
    ),
  ),
  events: ctx.loaders.get<string, SupportEvent[]>('eventsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(SupportEvent).find({ where: { victimId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (e) => e.victimId,
    ),
  ),
  problemReports: ctx.loaders.get<string, ProblemReport[]>('reportsByVictim', async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(ProblemReport).find({ where: { victimId: In([...ids]) }, order: { reportedAt: 'ASC' } }),
      (r) => r.victimId ?? '',
    ),
  ),
});
