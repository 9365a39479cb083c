import { ArrayNotEmpty, ArrayUnique, IsDate, IsOptional, Matches } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import {
  Agency,
  DataCategory,
  Purpose,
  type SubgraphContext,
  SupportEventKind,
  badInput,
  conflict,
  neverByConsent,
  notFound,
  agencyMutation,
  newRecordId,
} from '@hub/shared';
import { CONSENT_BACKDATING_LIMIT_DAYS, checkConsentRules } from '../consent/consent-rules';
import { ChildWelfareGuardians } from '../consent/child-welfare-guardians';
import { ConsentForm, ConsentGiver, ConsentGrant } from '../entities/consent-grant';

const MAX_VALIDITY_DAYS = 366;

@InputType({ description: 'A consent as given. Every recipient, category and purpose is named one by one.' })
class GrantConsentInput {
  @Field(() => ID) victimId!: string;
  @Field(() => [Agency]) @ArrayNotEmpty() @ArrayUnique() recipients!: Agency[];
  @Field(() => [DataCategory]) @ArrayNotEmpty() @ArrayUnique() categories!: DataCategory[];
  @Field(() => [Purpose]) @ArrayNotEmpty() @ArrayUnique() purposes!: Purpose[];
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
        summary: `Consent given to ${input.recipients.length} agenc${input.recipients.length === 1 ? 'y' : 'ies'}`,
        dueAt: null,
      });
      return consent;
      },
    });
  }

  @Mutation(() => ConsentGrant, { description: 'Withdraws a consent; every subgraph honours it from the next request on.' })
  async withdrawConsent(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ConsentGrant> {
    return agencyMutation(ctx, {
      mutation: 'withdrawConsent',
      category: DataCategory.CONSENT,
      typeName: 'ConsentGrant',
      fields: ['ConsentGrant.withdrawnAt', 'ConsentGrant.withdrawnBy'],
      target: { record: 'Consent', id, locate: (db) => db.findOneBy(ConsentGrant, { id }) },
      run: async (tx, write) => {
      const repo = tx.getRepository(ConsentGrant);
      const consent = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!consent) throw notFound('Consent', id);
      if (consent.withdrawnAt) throw conflict('The consent is already withdrawn');
      consent.withdrawnAt = new Date();
      consent.withdrawnBy = ctx.caller.sub;
      await repo.save(consent);
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
