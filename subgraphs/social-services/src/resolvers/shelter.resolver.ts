import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ArrayContains, type FindOptionsWhere } from 'typeorm';
import {
  DataCategory,
  Region,
  type SubgraphContext,
  SupportEventKind,
  badInput,
  notFound,
  agencyMutation,
} from '@hub/shared';
import { Shelter, ShelterGroup } from '../entities/shelter';
import { currentPlacementsIn, socialRecords } from './social-records';

/** The safe-house directory, with occupancy computed from current placements. */
@Resolver(() => Shelter)
export class ShelterResolver {
  @Query(() => [Shelter], {
    description: 'Directory of safe houses with capacity and vacancies. Names and addresses are shown to social services staff only.',
  })
  shelters(
    @Arg('region', () => Region, { nullable: true, description: 'Only safe houses in this region.' }) region: Region | null | undefined,
    @Arg('accepts', () => ShelterGroup, { nullable: true, description: 'Only safe houses that take in this group.' })
    accepts: ShelterGroup | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Shelter[]> {
    const where: FindOptionsWhere<Shelter> = {};
    if (region) where.region = region;
    if (accepts) where.accepts = ArrayContains([accepts]);
    // Ordered by id, never by name: the order must not hint at names the caller may not see.
    return ctx.dataSource.getRepository(Shelter).find({ where, order: { id: 'ASC' } });
  }

  @FieldResolver(() => Int, { description: 'Beds taken now: the number of current placements.' })
  occupancy(@Root() shelter: Shelter, @Ctx() ctx: SubgraphContext): Promise<number> {
    return socialRecords(ctx).occupancy.load(shelter.id);
  }

  @FieldResolver(() => Int, { description: 'Beds free now; 0 when the house is full or over capacity.' })
  async vacancies(@Root() shelter: Shelter, @Ctx() ctx: SubgraphContext): Promise<number> {
    return Math.max(0, shelter.capacity - (await socialRecords(ctx).occupancy.load(shelter.id)));
  }

  @Mutation(() => Shelter, {
    description:
      'Sets the number of beds of a safe house. If it is then over capacity, every victim placed there gets a SHELTER_OVER_CAPACITY event.',
  })
  async setShelterCapacity(
    @Arg('shelterId', () => ID) shelterId: string,
    @Arg('capacity', () => Int, { description: 'Number of beds, at least 1.' }) capacity: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Shelter> {
    if (capacity < 1) throw badInput('capacity', 'capacity must be at least 1');
    return agencyMutation(ctx, {
      mutation: 'setShelterCapacity',
      category: DataCategory.SOCIAL,
      typeName: 'Shelter',
      written: Shelter,
      // A safe house of another region is answered as one that does not exist (the kit's region check).
      target: {
        record: 'Shelter',
        id: shelterId,
        locate: async (db) => {
          const found = await db.getRepository(Shelter).findOne({ where: { id: shelterId }, select: { id: true, region: true } });
          return found && { victimId: null, region: found.region };
        },
      },
      run: async (tx, write) => {
      const repo = tx.getRepository(Shelter);
      // The same row lock as placeInShelter: no placement slips in between the change and the count.
      const shelter = await repo.findOne({ where: { id: shelterId }, lock: { mode: 'pessimistic_write' } });
      if (!shelter) throw notFound('Shelter', shelterId);
      await repo.update({ id: shelter.id }, { capacity });
      shelter.capacity = capacity;
      const placed = await currentPlacementsIn(tx, shelter.id, ctx.now);
      if (placed.length > capacity) {
        for (const victimId of new Set(placed.map((p) => p.victimId))) {
          await write.supportEvent({
            victimId,
            kind: SupportEventKind.SHELTER_OVER_CAPACITY,
            at: ctx.now.toISOString(),
            summary: 'The safe house is over capacity',
            dueAt: null,
          });
        }
      }
      return shelter;
    },
    });
  }
}
