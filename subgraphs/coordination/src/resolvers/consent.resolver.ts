import { ArrayNotEmpty, ArrayUnique, IsDate, IsOptional, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import {
  Agency,
  CounterpartKind,
  DataCategory,
  HandoverPurpose,
  HandoverState,
  Purpose,
  type SubgraphContext,
  SupportEventKind,
  badInput,
  conflict,
  neverByConsent,
  agencyMutation,
  newRecordId,
  recordTarget,
} from '@hub/shared';
import { CONSENT_BACKDATING_LIMIT_DAYS, checkConsentRules } from '../consent/consent-rules';
import { ChildWelfareGuardians } from '../consent/child-welfare-guardians';
import { ConsentForm, ConsentGiver, ConsentGrant } from '../entities/consent-grant';
import { Handover } from '../entities/handover';

const MAX_VALIDITY_DAYS = 366;

@InputType({ description: 'A named foreign counterpart of a cross-border hand-over.' })
export class ForeignCounterpartInput {
  @Field(() => CounterpartKind) kind!: CounterpartKind;
  @Field(() => String, { description: 'The unit or organisation, by name.' }) @MinLength(2) @MaxLength(200) name!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, in capitals.' })
  @Matches(/^[A-Z]{2}$/, { message: 'country is an ISO 3166-1 alpha-2 code' })
  country!: string;
}

@InputType({
  description:
    'A consent as given. Every recipient, category and purpose is named one by one. A consent to a cross-border hand-over names a counterpart and a handoverPurpose instead of recipients and purposes.',
})
class GrantConsentInput {
  @Field(() => ID) victimId!: string;
  @Field(() => [Agency], { defaultValue: [], description: 'The agencies it opens the categories to; none for a consent to a foreign counterpart.' })
  @ArrayUnique()
  recipients!: Agency[];
  @Field(() => [DataCategory]) @ArrayNotEmpty() @ArrayUnique() categories!: DataCategory[];
  @Field(() => [Purpose], { defaultValue: [], description: 'The purposes it opens them for; none for a consent to a foreign counterpart.' })
  @ArrayUnique()
  purposes!: Purpose[];
  @Field(() => ForeignCounterpartInput, { nullable: true, description: 'The foreign counterpart a cross-border hand-over may go to.' })
  @IsOptional() @ValidateNested()
  counterpart?: ForeignCounterpartInput;
  @Field(() => HandoverPurpose, { nullable: true, description: 'With counterpart: what the hand-over is for.' })
  @IsOptional()
  handoverPurpose?: HandoverPurpose;
  @Field(() => Date, {
    nullable: true,
    description: `When the victim or guardian gave the consent (at most ${CONSENT_BACKDATING_LIMIT_DAYS} days before it is recorded); defaults to validFrom, or to the moment it is recorded when validFrom lies ahead.`,
  })
  @IsOptional() @IsDate()
  givenAt?: Date;
  @Field(() => Date, { description: 'When the consent takes effect: no earlier than it was given.' }) @IsDate() validFrom!: Date;
  @Field(() => Date) @IsDate() validUntil!: Date;
  @Field(() => ConsentGiver, { description: 'VICTIM for adults; GUARDIAN for minors.' }) givenBy!: ConsentGiver;
  @Field(() => ConsentForm) form!: ConsentForm;
  @Field(() => String, { nullable: true, description: 'ISO 639-1 language, required for oral consent through an interpreter.' })
  @IsOptional() @Matches(/^[a-z]{2}$/)
  interpreterLanguage?: string;
}

/**
 * A consent opens categories either to named agencies for named purposes, or to one named foreign counterpart for
 * one hand-over purpose — never both, so that a consent to a counterpart opens nothing to any agency.
 */
function checkRecipients(input: GrantConsentInput): void {
  if (input.counterpart || input.handoverPurpose) {
    if (!input.counterpart) throw badInput('counterpart', 'A hand-over purpose needs the counterpart it is for');
    if (!input.handoverPurpose) throw badInput('handoverPurpose', 'A consent to a foreign counterpart names the hand-over purpose');
    if (input.recipients.length > 0) throw badInput('recipients', 'A consent to a foreign counterpart names no agency: give that consent separately');
    if (input.purposes.length > 0) throw badInput('purposes', 'A consent to a foreign counterpart names its handoverPurpose, not purposes');
    return;
  }
  if (input.recipients.length === 0) throw badInput('recipients', 'A consent names at least one recipient agency, or a foreign counterpart');
  if (input.purposes.length === 0) throw badInput('purposes', 'A consent names at least one purpose');
}

@Resolver()
export class ConsentResolver {
  @Mutation(() => ConsentGrant, { description: 'Records a consent; it takes effect on the next request to any subgraph.' })
  async grantConsent(@Arg('input', () => GrantConsentInput) input: GrantConsentInput, @Ctx() ctx: SubgraphContext): Promise<ConsentGrant> {
    const facts = await ctx.access.facts(input.victimId);
    const recordedAt = new Date();
    if (input.form === ConsentForm.ORAL_WITH_INTERPRETER && !input.interpreterLanguage) {
      throw badInput('interpreterLanguage', 'Oral consent through an interpreter names the language');
    }
    if (input.validUntil <= input.validFrom) throw badInput('validUntil', 'validUntil must be after validFrom');
    if (input.validUntil.getTime() - input.validFrom.getTime() > MAX_VALIDITY_DAYS * 86_400_000) {
      throw badInput('validUntil', `A consent is valid for at most ${MAX_VALIDITY_DAYS} days`);
    }
    const closed = input.categories.filter((c) => neverByConsent.includes(c));
    if (closed.length > 0) throw badInput('categories', `No consent can open ${closed.join(', ')}`);
    if (input.recipients.includes(Agency.AUDIT)) throw badInput('recipients', 'Audit staff read the access log only');
    checkRecipients(input);
    let givenAt: Date | undefined;
    return agencyMutation(ctx, {
      mutation: 'grantConsent',
      category: DataCategory.CONSENT,
      typeName: 'ConsentGrant',
      written: ConsentGrant,
      target: { victimId: input.victimId },
      checkFirst: async () => {
        givenAt = await checkConsentRules(input, {
          minor: facts?.minor ?? null,
          recordedAt,
          guardians: new ChildWelfareGuardians(ctx.keys, ctx.caller),
        });
      },
      run: async (tx, write) => {
      const consent = tx.getRepository(ConsentGrant).create({
        id: newRecordId('cs'),
        victimId: input.victimId,
        recipients: input.recipients,
        categories: input.categories,
        purposes: input.purposes,
        counterpart: input.counterpart ? { kind: input.counterpart.kind, name: input.counterpart.name.trim(), country: input.counterpart.country } : null,
        handoverPurpose: input.handoverPurpose ?? null,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        givenBy: input.givenBy,
        givenAt,
        form: input.form,
        interpreterLanguage: input.interpreterLanguage ?? null,
        recordedBy: ctx.caller.sub,
        recordedAt,
        withdrawnAt: null,
        withdrawnBy: null,
      });
      await tx.getRepository(ConsentGrant).insert(consent);
      await write.supportEvent({
        kind: SupportEventKind.CONSENT_GIVEN,
        at: consent.recordedAt.toISOString(),
        summary: input.counterpart
          ? 'Consent given to a cross-border hand-over'
          : `Consent given to ${input.recipients.length} agenc${input.recipients.length === 1 ? 'y' : 'ies'}`,
        dueAt: null,
      });
      return consent;
      },
    });
  }

  @Mutation(() => ConsentGrant, { description: 'Withdraws a consent; every subgraph honours it from the next request on.' })
  async withdrawConsent(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ConsentGrant> {
    const target = recordTarget(ConsentGrant, id, 'Consent');
    return agencyMutation(ctx, {
      mutation: 'withdrawConsent',
      category: DataCategory.CONSENT,
      typeName: 'ConsentGrant',
      fields: ['ConsentGrant.withdrawnAt', 'ConsentGrant.withdrawnBy'],
      target,
      run: async (tx, write) => {
      const repo = tx.getRepository(ConsentGrant);
      const consent = await target.lock(tx);
      if (consent.withdrawnAt) throw conflict('The consent is already withdrawn');
      consent.withdrawnAt = new Date();
      consent.withdrawnBy = ctx.caller.sub;
      await repo.save(consent);
      // Withdrawal stops every hand-over under this consent that has not been sent (docs/architecture.md#cross-border-hand-over).
      const stopped = await tx.getRepository(Handover).find({ where: { consentId: id, state: HandoverState.PREPARED }, lock: { mode: 'pessimistic_write' } });
      for (const handover of stopped) {
        await tx.getRepository(Handover).update({ id: handover.id }, { state: HandoverState.WITHDRAWN, withdrawnAt: consent.withdrawnAt });
        await write.supportEvent({
          kind: SupportEventKind.HANDOVER_WITHDRAWN,
          at: consent.withdrawnAt.toISOString(),
          summary: 'Cross-border hand-over stopped: its consent was withdrawn before it was sent',
          dueAt: null,
        });
      }
      await write.supportEvent({
        kind: SupportEventKind.CONSENT_WITHDRAWN,
        at: consent.withdrawnAt.toISOString(),
        summary: 'Consent withdrawn',
        dueAt: null,
      });
      return consent;
      },
    });
  }
}
