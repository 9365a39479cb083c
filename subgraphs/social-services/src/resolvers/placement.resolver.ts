import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import {
  Category,
  DataCategory,
  type SubgraphContext,
  SupportEventKind,
  conflict,
  notFound,
  requireVictim,
  requireWrite,
  newRecordId,
} from '@hub/shared';
import { Placement, isCurrentPlacement } from '../entities/placement';
import { Shelter, shelterTakesIn } from '../entities/shelter';
import { requireNotBefore, requireNotInFuture } from './input-checks';
import { currentPlacementsIn, socialRecords } from './social-records';


/** Stays in safe houses: which house, placing a victim, ending a stay. */
@Resolver(() => Placement)
export class PlacementResolver {
  @Category(DataCategory.SHELTER_LOCATION)
  @FieldResolver(() => Shelter, { nullable: true, description: 'Which safe house the victim stays in.' })
  async shelter(@Root() placement: Placement, @Ctx() ctx: SubgraphContext): Promise<Shelter | null> {
    const shelter = await socialRecords(ctx).shelter.load(placement.shelterId);
    // Reached through a placement, the house's name and address are facts about this victim: a consent
    // of theirs naming SHELTER_LOCATION opens them (the directory alone never does).
    return shelter && Object.assign(Object.create(Shelter.prototype) as Shelter, shelter, { victimId: placement.victimId });
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
    requireWrite(ctx, DataCategory.SOCIAL);
    await requireVictim(ctx, victimId);
    requireNotInFuture('from', from, ctx.now);
    const person = await ctx.access.facts(victimId);
    if (!person) throw notFound('Victim', victimId);
    return ctx.dataSource.transaction(async (tx) => {
      // Two placements of the same victim (into any houses) wait for each other here.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`placement:${victimId}`]);
      // The shelter row lock (SELECT … FOR UPDATE) makes concurrent placements into one house count in turn,
      // so that they cannot overfill it.
      const shelter = await tx.getRepository(Shelter).findOne({ where: { id: shelterId }, lock: { mode: 'pessimistic_write' } });
      if (!shelter) throw notFound('Shelter', shelterId);
      if (!shelterTakesIn(shelter.accepts, person)) throw conflict('The safe house does not take in this person');
      const repo = tx.getRepository(Placement);
      const own = await repo.findBy({ victimId });
      if (own.some((p) => isCurrentPlacement(p, ctx.now))) throw conflict('The victim already has a current placement');
      if (own.some((p) => p.until !== null && p.until.getTime() > from.getTime())) {
        throw conflict('The stay would overlap an earlier placement of the victim');
      }
      if ((await currentPlacementsIn(tx, shelter.id, ctx.now)).length >= shelter.capacity) {
        throw conflict('The safe house is full');
      }
      const placement = await repo.save(repo.create({ id: newRecordId('pl'), victimId, shelterId: shelter.id, from, until: null }));
      // Coarse on purpose: never the house's name or address.
      await ctx.coordination.recordSupportEvent({
        victimId,
        kind: SupportEventKind.SHELTER_PLACEMENT,
        at: from.toISOString(),
        summary: 'Placed in a safe house',
        dueAt: null,
      });
      if (shelter.longTerm) {
        await ctx.coordination.recordSupportEvent({
          victimId,
          kind: SupportEventKind.LONG_TERM_ACCOMMODATION,
          at: from.toISOString(),
          summary: 'In long-term accommodation',
          dueAt: null,
        });
      }
      return placement;
    });
  }

  @Mutation(() => Placement, { description: 'Ends a current stay in a safe house.' })
  async endPlacement(
    @Arg('placementId', () => ID) placementId: string,
    @Arg('until', () => Date, { description: 'When the stay ended (not in the future, not before it began).' }) until: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Placement> {
    requireWrite(ctx, DataCategory.SOCIAL);
    requireNotInFuture('until', until, ctx.now);
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Placement);
      const placement = await repo.findOne({ where: { id: placementId }, lock: { mode: 'pessimistic_write' } });
      if (!placement) throw notFound('Placement', placementId);
      await requireVictim(ctx, placement.victimId);
      if (placement.until !== null) throw conflict('The placement has already ended');
      requireNotBefore('until', until, placement.from, 'the start of the stay');
      await repo.update({ id: placement.id }, { until });
      placement.until = until;
      return placement;
    });
  }
}
