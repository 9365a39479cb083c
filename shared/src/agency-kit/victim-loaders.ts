import type DataLoader from 'dataloader';
import { type EntityTarget, type FindOptionsOrder, In, type ObjectLiteral } from 'typeorm';
import { byKey, groupByKey } from '../subgraph/request-loaders';
import type { SubgraphContext } from '../subgraph/subgraph-context';

type VictimRecord = ObjectLiteral & { victimId: string | null };

const loaderName = (entity: EntityTarget<ObjectLiteral>, kind: string): string =>
  `${kind}:${typeof entity === 'function' ? entity.name : String(entity)}`;

/** Per-request batched read of every `entity` row of many victims, one statement per request, in `order`. */
export function recordsByVictim<T extends VictimRecord>(
  ctx: SubgraphContext,
  entity: EntityTarget<T>,
  order?: FindOptionsOrder<T>,
): DataLoader<string, T[]> {
  return ctx.loaders.get<string, T[]>(loaderName(entity, 'recordsByVictim'), async (ids) =>
    groupByKey(
      ids,
      await ctx.dataSource.getRepository(entity).find({ where: { victimId: In([...ids]) } as never, order }),
      (r) => r.victimId,
    ),
  );
}

/** Per-request batched read of the one `entity` row of many victims (`null` where there is none). */
export function recordByVictim<T extends VictimRecord>(ctx: SubgraphContext, entity: EntityTarget<T>): DataLoader<string, T | null> {
  return ctx.loaders.get<string, T | null>(loaderName(entity, 'recordByVictim'), async (ids) =>
    byKey(ids, await ctx.dataSource.getRepository(entity).findBy({ victimId: In([...ids]) } as never), (r) => r.victimId),
  );
}
