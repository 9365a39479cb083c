import { MaxLength, MinLength } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  Category,
  DataCategory,
  DerivedField,
  type DerivedFieldValue,
  type ForeignCounterpart,
  type HandoverPart,
  HandoverPurpose,
  HandoverState,
  HubError,
  type SubgraphContext,
  SupportEventKind,
  agencyMutation,
  badInput,
  conflict,
  handoverConsent,
  mayHandOver,
  newRecordId,
  notFound,
  recordsByVictim,
} from '@hub/shared';
import { Handover } from '../entities/handover';
import { Victim } from '../entities/victim';
import { collectHandoverParts } from '../handover/handover-parts';
import { type SendBasis, commitIfStillValid, readSendBasis } from '../handover/send-handover';
import { ForeignCounterpartInput } from './consent.resolver';

@InputType({ description: "The counterpart's acknowledgement of a hand-over it received." })
class HandoverReceiptInput {
  @Field(() => String, { description: "The counterpart's own reference for the receipt." }) @MinLength(1) @MaxLength(200) reference!: string;
  @Field(() => String, { description: 'The digest of the package the counterpart received: must be the digest the hub sent.' })
  digest!: string;
}

const PURPOSE_TEXT: Record<HandoverPurpose, string> = {
  [HandoverPurpose.VOLUNTARY_RETURN]: 'a voluntary return',
  [HandoverPurpose.FOREIGN_INVESTIGATION]: 'a foreign investigation',
};

/** Only coordinators hand data over abroad; anyone else is refused before anything is looked up. */
const requireCoordinator = (ctx: SubgraphContext): void => {
  if (!mayHandOver(ctx.caller)) throw new HubError('FORBIDDEN', 'Only a coordinator of the coordinating unit prepares, sends or acknowledges a cross-border hand-over');
};

/**
 * `Handover.signedPackage` is derived from the hand-over (CONSENT) and from every category its package holds — the
 * categories the consent names — so the category wrapper decides all of them, as for any derived field
 * (docs/architecture.md#cross-border-hand-over): a coordinator does not read through a hand-over what the policy does
 * not open to them, a read is logged with each category the package holds, and a refusal with the first refused, its
 * code the wrapper's. A hand-over not sent has no package, and nothing of it to decide beyond the hand-over.
 */
const signedPackageValue: DerivedFieldValue<Handover> = {
  inputs: [DataCategory.CONSENT],
  recordInputs: (handover) => (handover.signedPackageJws ? handover.categories : []),
  description: "The signed package: the hand-over's own record and every category its package holds.",
};

const locateHandover = (id: string) => ({
  record: 'Handover',
  id,
  locate: (db: EntityManager) => db.findOneBy(Handover, { id }),
});

/** Cross-border hand-over (docs/architecture.md#cross-border-hand-over): prepare, send (sign), acknowledge. */
@Resolver(() => Handover)
export class HandoverResolver {
  @Mutation(() => Handover, {
    description:
      "Prepares a hand-over to a named foreign counterpart, of the categories the victim's consent to that counterpart and purpose names. Without such a consent: NOT_FOUND, as for an unknown victim.",
  })
  async prepareHandover(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('counterpart', () => ForeignCounterpartInput) counterpart: ForeignCounterpartInput,
    @Arg('purpose', () => HandoverPurpose) purpose: HandoverPurpose,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Handover> {
    requireCoordinator(ctx);
    return agencyMutation(ctx, {
      mutation: 'prepareHandover',
      category: DataCategory.CONSENT,
      typeName: 'Handover',
      written: Handover,
      target: { victimId },
      run: async (tx, write) => {
        const request = { counterpart: counterpart as ForeignCounterpart, purpose };
        const consent = handoverConsent(write.facts?.consents ?? [], request, null, new Date());
        // No consent to this counterpart and purpose looks exactly like a victim nobody has.
        if (!consent) throw notFound('Victim', victimId);
        const handover = tx.getRepository(Handover).create({
          id: newRecordId('ho'),
          victimId,
          consentId: consent.id,
          counterpartKind: counterpart.kind,
          counterpartName: counterpart.name.trim(),
          counterpartCountry: counterpart.country,
          purpose,
          categories: consent.categories,
          state: HandoverState.PREPARED,
          preparedAt: new Date(),
          preparedBy: ctx.caller.sub,
          sentAt: null,
          digest: null,
          signedPackageJws: null,
          withheldFields: [],
          receivedAt: null,
          receiptReference: null,
          withdrawnAt: null,
        });
        await tx.getRepository(Handover).insert(handover);
        await write.supportEvent({
          kind: SupportEventKind.HANDOVER_PREPARED,
          at: handover.preparedAt.toISOString(),
          summary: `Cross-border hand-over prepared for ${PURPOSE_TEXT[purpose]}`,
          dueAt: null,
        });
        return handover;
      },
    });
  }

  @Mutation(() => Handover, {
    description:
      'Sends a prepared hand-over: each owning subgraph produces its part under the consent (logging each field it releases), the hub signs the package and keeps it with its digest. A hand-over whose consent was withdrawn is WITHDRAWN and cannot be sent (CONFLICT).',
  })
  async sendHandover(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Handover> {
    requireCoordinator(ctx);
    let collected: { basis: SendBasis; parts: HandoverPart[] } | undefined;
    return agencyMutation(ctx, {
      mutation: 'sendHandover',
      category: DataCategory.CONSENT,
      typeName: 'Handover',
      fields: ['Handover.state', 'Handover.sentAt', 'Handover.digest', 'Handover.signedPackage', 'Handover.withheldFields'],
      target: locateHandover(id),
      // Outside the transaction (docs/architecture.md#cross-border-hand-over): the calls to the owning subgraphs
      // hold no lock of coordination's, so a slow subgraph keeps no withdrawal waiting.
      checkFirst: async () => {
        const basis = await readSendBasis(ctx.dataSource.manager, id);
        const parts = await collectHandoverParts(ctx, {
          handoverId: basis.handoverId,
          victimId: basis.victimId,
          counterpart: basis.counterpart,
          purpose: basis.purpose,
          categories: basis.categories,
        });
        collected = { basis, parts };
      },
      // Under the locks: sent only if nothing changed meanwhile (see commitIfStillValid), else CONFLICT and nothing written.
      run: async (tx, write) => {
        const handover = await commitIfStillValid(tx, collected!.basis, collected!.parts, ctx.keys);
        await write.supportEvent({
          kind: SupportEventKind.HANDOVER_SENT,
          at: handover.sentAt!.toISOString(),
          summary: `Cross-border hand-over sent for ${PURPOSE_TEXT[handover.purpose]}`,
          dueAt: null,
        });
        return handover;
      },
    });
  }

  @Mutation(() => Handover, { description: "Records the counterpart's receipt of a sent hand-over; the receipt names the digest it received." })
  async acknowledgeHandover(
    @Arg('id', () => ID) id: string,
    @Arg('receipt', () => HandoverReceiptInput) receipt: HandoverReceiptInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Handover> {
    requireCoordinator(ctx);
    return agencyMutation(ctx, {
      mutation: 'acknowledgeHandover',
      category: DataCategory.CONSENT,
      typeName: 'Handover',
      fields: ['Handover.state', 'Handover.receivedAt', 'Handover.receiptReference'],
      target: locateHandover(id),
      run: async (tx, write) => {
        const repo = tx.getRepository(Handover);
        const handover = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!handover) throw notFound('Handover', id);
        if (handover.state !== HandoverState.SENT) throw conflict(`The hand-over is ${handover.state}: only a sent hand-over is acknowledged`);
        if (receipt.digest.trim() !== handover.digest) throw badInput('digest', 'The receipt acknowledges another package than the one sent');
        Object.assign(handover, { state: HandoverState.RECEIVED, receivedAt: new Date(), receiptReference: receipt.reference });
        await repo.save(handover);
        await write.supportEvent({
          kind: SupportEventKind.HANDOVER_RECEIVED,
          at: handover.receivedAt!.toISOString(),
          summary: 'Cross-border hand-over acknowledged by its recipient',
          dueAt: null,
        });
        return handover;
      },
    });
  }

  @Category(DataCategory.CONSENT)
  @DerivedField('Handover', signedPackageValue)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The package as sent (compact JWS, signed by the hub; verify offline with `npm run verify-handover`). A value derived from the package's categories: readable only by a caller who may read every one of them.",
  })
  signedPackage(@Root() handover: Handover): string | null {
    // The hand-over (CONSENT) and every category of its package were decided for this caller, and noted, by the
    // category wrapper before this runs (DerivedField).
    return handover.signedPackageJws;
  }
}

/** `Victim.handovers`: the victim's cross-border hand-overs, oldest first. */
@Resolver(() => Victim)
export class VictimHandoversResolver {
  @Category(DataCategory.CONSENT)
  @FieldResolver(() => [Handover], { nullable: true, description: "The victim's cross-border hand-overs, oldest first." })
  handovers(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Handover[]> {
    return recordsByVictim(ctx, Handover, { preparedAt: 'ASC' }).load(victim.id);
  }
}
