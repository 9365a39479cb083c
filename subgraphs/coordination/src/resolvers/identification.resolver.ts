import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsDate,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import {
  Agency,
  DataCategory,
  ExploitationForm,
  Gender,
  Region,
  type SubgraphContext,
  SupportEventKind,
  badInput,
  indicatorCodes,
  notFound,
  agencyMutation,
  NotInFuture,
} from '@hub/shared';
import { Victim } from '../entities/victim';
import { newVictimId } from './record-event';

@InputType({ description: 'A new identification. Never put a name or national id number in any field.' })
class IdentifyVictimInput {
  @Field(() => String, { description: 'An alias for the case, not the legal name.' })
  @MinLength(2) @MaxLength(40)
  alias!: string;
  @Field(() => Int) @IsInt() @Min(1900) @Max(new Date().getUTCFullYear()) birthYear!: number;
  @Field(() => Gender) gender!: Gender;
  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes.' })
  @ArrayNotEmpty() @ArrayMaxSize(4) @ArrayUnique() @Matches(/^[A-Z]{2}$/, { each: true, message: 'nationalities are ISO 3166-1 alpha-2 codes' })
  nationalities!: string[];
  @Field(() => [String], { description: 'ISO 639-1 codes.' })
  @ArrayNotEmpty() @ArrayMaxSize(8) @ArrayUnique() @Matches(/^[a-z]{2}$/, { each: true, message: 'languages are ISO 639-1 codes' })
  languages!: string[];
  @Field(() => Region) region!: Region;
  @Field(() => [ExploitationForm]) @ArrayNotEmpty() @ArrayUnique() exploitationForms!: ExploitationForm[];
  @Field(() => Date) @IsDate() @NotInFuture('identifiedAt') identifiedAt!: Date;
  @Field(() => Agency) identifyingAgency!: Agency;
  @Field(() => [String], { description: 'Codes of the national indicators assessed as present.' })
  @ArrayUnique()
  indicatorsPresent!: string[];
  @Field(() => String, { nullable: true, description: 'Staff id of the coordinator; defaults to the caller.' })
  @IsOptional() @MinLength(2) @MaxLength(60)
  coordinator?: string;
}

@Resolver()
export class IdentificationResolver {
  @Mutation(() => Victim, { description: 'Registers an identified presumed victim and starts the support path.' })
  async identifyVictim(@Arg('input', () => IdentifyVictimInput) input: IdentifyVictimInput, @Ctx() ctx: SubgraphContext): Promise<Victim> {
    const unknown = input.indicatorsPresent.filter((c) => !indicatorCodes.has(c));
    if (unknown.length > 0) throw badInput('indicatorsPresent', `Not on the national indicator list: ${unknown.join(', ')}`);
    if (ctx.caller.regions.length > 0 && !ctx.caller.regions.includes(input.region)) {
      throw badInput('region', 'Local staff register victims in their own regions only');
    }
    const age = input.identifiedAt.getUTCFullYear() - input.birthYear;
    if (age < 0) throw badInput('birthYear', 'birthYear is after identifiedAt');
    return agencyMutation(ctx, {
      mutation: 'identifyVictim',
      category: DataCategory.IDENTIFICATION,
      typeName: 'Victim',
      written: Victim,
      target: null,
      run: async (tx, write) => {
      const victim = tx.getRepository(Victim).create({
        id: newVictimId(),
        alias: input.alias,
        birthYear: input.birthYear,
        gender: input.gender,
        nationalities: input.nationalities,
        languages: input.languages,
        // Born this year minus 18 or later: counted as a minor until shown otherwise.
        minor: new Date().getUTCFullYear() - input.birthYear < 18,
        region: input.region,
        exploitationForms: input.exploitationForms,
        coordinator: input.coordinator ?? ctx.caller.sub,
        identifiedAt: input.identifiedAt,
        identifyingAgency: input.identifyingAgency,
        indicatorsPresent: input.indicatorsPresent,
      });
      await tx.getRepository(Victim).insert(victim);
      write.aboutVictim(victim.id);
      await write.supportEvent({
        kind: SupportEventKind.IDENTIFIED,
        at: input.identifiedAt.toISOString(),
        dueAt: null,
        // Who identified the victim is IDENTIFICATION data; the path (CASE_STATUS) says only that it happened.
        summary: 'Identified as a presumed victim',
      });
      return victim;
      },
    });
  }

  @Mutation(() => Victim, { description: 'Assigns the coordinator responsible for a victim.' })
  async assignCoordinator(
    @Arg('victimId', () => ID) victimId: string,
    @Arg('coordinator', () => String) coordinator: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Victim> {
    if (coordinator.trim().length < 2 || coordinator.length > 60) throw badInput('coordinator', 'A staff id of 2–60 characters');
    return agencyMutation(ctx, {
      mutation: 'assignCoordinator',
      category: DataCategory.CASE_STATUS,
      typeName: 'Victim',
      fields: ['Victim.coordinator'],
      target: { victimId },
      run: async (tx) => {
        const repo = tx.getRepository(Victim);
        const victim = await repo.findOne({ where: { id: victimId }, lock: { mode: 'pessimistic_write' } });
        if (!victim) throw notFound('Victim', victimId);
        victim.coordinator = coordinator.trim();
        return repo.save(victim);
      },
    });
  }
}
