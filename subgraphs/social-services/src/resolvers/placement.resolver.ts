import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import {
  Category,
  DataCategory,
  type SubgraphContext,
  SupportEventKind,
  conflict,
  notFound,
  agencyMutation,
  newRecordId,
  reachedThrough,
  requireRecordedDate,
  recordTarget,
} from '@hub/shared';
import { Placement, isCurrentPlacement } from '../entities/placement';
import { Shelter, shelterTakesIn } from '../entities/shelter';
import { currentPlacementsIn, socialRecords } from './social-records';


const CANNOT_TAKE = 'The safe house cannot take this placement: it is full or does not take in this person';

/** Stays in safe houses: which house, placing a victim, ending a stay. */
@Resolver(() => Placement)
export class PlacementResolver {
  @Category(DataCategory.SHELTER_LOCATION)
  @FieldResolver(() => Shelter, { nullable: true, description: 'Which safe house the victim stays in.' })
  async shelter(@Root() placement: Placement, @Ctx() ctx: SubgraphContext): Promise<Shelter | null> {
    const shelter = await socialRecords(ctx).shelter.load(placement.shelterId);
    // Reached through a placement, the house's name and address are facts about this victim: a consent
    // of theirs naming SHELTER_LOCATION opens them (the directory alone never does). Shelter's binding.
    return shelter && reachedThrough(shelter, placement.victimId);
  }

  @Mutation(() => Placement, {
    description:
      'Places a victim in a safe house that takes them in and has a free bed. CONFLICT when the house is full, does not take in this person, or the victim already has a current placement.',
  })
  async placeInShelter(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('shelterId', () => ID) shelterId: string,
    @Arg('from', () => Date, { description: 'When the stay began (not in the future).' }) from: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Placement> {
    requireRecordedDate('from', from, ctx.now);
    return agencyMutation(ctx, {
      mutation: 'placeInShelter',
      category: DataCategory.SOCIAL,
      typeName: 'Placement',
      written: Placement,
      target: { victimId: victimId },
      run: async (tx, write) => {
      // Two placements of the same victim (into any houses) wait for each other here.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`placement:${victimId}`]);
      // The shelter row lock (SELECT … FOR UPDATE) makes concurrent placements into one house count in turn,
      // so that they cannot overfill it.
      const shelter = await tx.getRepository(Shelter).findOne({ where: { id: shelterId }, lock: { mode: 'pessimistic_write' } });
      if (!shelter) throw notFound('Shelter', shelterId);
      // Whom a house takes in is decided on gender and age (IDENTITY): a caseworker who may not read them learns
      // only that the house cannot take the placement, as when it is full.
      if (!shelterTakesIn(shelter.accepts, write.facts!)) {
        throw await write.refusal([DataCategory.IDENTITY], conflict('The safe house does not take in this person'), conflict(CANNOT_TAKE));
      }
      const repo = tx.getRepository(Placement);
      const own = await repo.findBy({ victimId });
      if (own.some((p) => isCurrentPlacement(p, ctx.now))) throw conflict('The victim already has a current placement');
      if (own.some((p) => p.until !== null && p.until.getTime() > from.getTime())) {
        throw conflict('The stay would overlap an earlier placement of the victim');
      }
      if ((await currentPlacementsIn(tx, shelter.id, ctx.now)).length >= shelter.capacity) {
        throw await write.refusal([DataCategory.IDENTITY], conflict('The safe house is full'), conflict(CANNOT_TAKE));
      }
      const placement = await repo.save(repo.create({ id: newRecordId('pl'), victimId, shelterId: shelter.id, from, until: null }));
      // Coarse on purpose: never the house's name or address.
      await write.supportEvent({
        victimId,
        kind: SupportEventKind.SHELTER_PLACEMENT,
        at: from.toISOString(),
        summary: 'Placed in a safe house',
        dueAt: null,
      });
      if (shelter.longTerm) {
        await write.supportEvent({
          victimId,
          kind: SupportEventKind.LONG_TERM_ACCOMMODATION,
          at: from.toISOString(),
          summary: 'In long-term accommodation',
          dueAt: null,
        });
      }
      return placement;
    },
    });
  }

  @Mutation(() => Placement, { description: 'Ends a current stay in a safe house.' })
  async endPlacement(
    @Arg('placementId', () => ID) placementId: string,
    @Arg('until', () => Date, { description: 'When the stay ended (not in the future, not before it began).' }) until: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Placement> {
    requireRecordedDate('until', until, ctx.now);
    const target = recordTarget(Placement, placementId);
    return agencyMutation(ctx, {
      mutation: 'endPlacement',
      category: DataCategory.SOCIAL,
      typeName: 'Placement',
      written: Placement,
      target,
      run: async (tx) => {
      const repo = tx.getRepository(Placement);
      const placement = await target.lock(tx);
      if (placement.until !== null) throw conflict('The placement has already ended');
      requireRecordedDate('until', until, ctx.now, { date: placement.from, what: 'the start of the stay' });
      await repo.update({ id: placement.id }, { until });
      placement.until = until;
      return placement;
    },
    });
  }
}
