import { type EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { type SubgraphContext, byKey, recordByVictim, recordsByVictim } from '@hub/shared';
import { AssistanceDecision } from '../entities/assistance-decision';
import { AssistanceMeasure } from '../entities/assistance-measure';
import { Placement } from '../entities/placement';
import { Shelter } from '../entities/shelter';

/** Per-request batched reads of social services records: one statement per table, however many parents. */
export const socialRecords = (ctx: SubgraphContext) => ({
  placements: recordsByVictim(ctx, Placement, { from: 'ASC' }),
  measures: recordsByVictim(ctx, AssistanceMeasure, { startedAt: 'ASC' }),
  decision: recordByVictim(ctx, AssistanceDecision),
  shelter: ctx.loaders.get<string, Shelter | null>('shelterById', async (ids) =>
    byKey(ids, await ctx.dataSource.getRepository(Shelter).findBy({ id: In([...ids]) }), (r) => r.id),
  ),
  occupancy: ctx.loaders.get<string, number>('occupancyByShelter', async (ids) => {
    const rows = await ctx.dataSource
      .getRepository(Placement)
      .createQueryBuilder('p')
      .select('p.shelter_id', 'shelterId')
      .addSelect('count(*)::int', 'occupancy')
      .where('p.shelter_id IN (:...ids)', { ids: [...ids] })
      .andWhere('(p.placed_until IS NULL OR p.placed_until > :now)', { now: ctx.now })
      .groupBy('p.shelter_id')
      .getRawMany<{ shelterId: string; occupancy: number }>();
    const counts = new Map(rows.map((r) => [r.shelterId, r.occupancy]));
    return ids.map((id) => counts.get(id) ?? 0);
  }),
});

/** The placements current in a shelter (see `isCurrentPlacement`), read inside a mutation's transaction. */
export const currentPlacementsIn = (tx: EntityManager, shelterId: string, now: Date): Promise<Placement[]> =>
  tx.getRepository(Placement).find({
    where: [
      { shelterId, until: IsNull() },
      { shelterId, until: MoreThan(now) },
    ],
    order: { from: 'ASC' },
  });
