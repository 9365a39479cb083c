import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsDate, IsIn } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { type Agency, DataCategory, SupportEventKind } from '../../domain/enums';
import { Category } from '../../schema/category';
import { decideWrite } from '../../policy/decide';
import { newRecordId } from '../../subgraph/records';
import type { SubgraphContext } from '../../subgraph/subgraph-context';
import { agencyMutation } from '../agency-mutation';
import { NotInFuture } from '../record-dates';
import { recordsByVictim } from '../victim-loaders';
import { RightsInformationRecord } from './rights-information-record';
import { Right, iso639_1, rightsInformedSummary } from './rights';

/** Runs the class-validator decorators on the input, without echoing values in the error. */
const validated = { validate: { forbidUnknownValues: false, validationError: { target: false, value: false } } };

@InputType({ description: 'That the victim was informed of their rights. Who informed them is taken from the token.' })
export class RecordRightsInformationInput {
  @Field(() => ID) victimId!: string;
  @Field(() => [Right], { description: 'The rights the victim was informed of (at least one, each once).' })
  @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(Object.keys(Right).length)
  rights!: Right[];
  @Field(() => String, { description: 'The language the victim was informed in: an ISO 639-1 code in lower case (ro, en, vi).' })
  @IsIn([...iso639_1], { message: 'language must be an ISO 639-1 code in lower case, e.g. ro' })
  language!: string;
  @Field(() => Boolean, { description: 'Whether an interpreter took part.' }) interpreter!: boolean;
  @Field(() => Date, { description: 'When the victim was informed; not in the future.' })
  @IsDate() @NotInFuture('informedAt')
  informedAt!: Date;
}

const words = (agency: Agency): string[] => agency.toLowerCase().split('_');
/** `policeRightsInformation`, `socialServicesRightsInformation`: the agency's field on `Victim`. */
export const rightsInformationField = (agency: Agency): string =>
  words(agency).map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('') + 'RightsInformation';
/** `recordPoliceRightsInformation`: the agency's mutation (one per subgraph, since each owns its records). */
export const rightsInformationMutation = (agency: Agency): string =>
  `record${words(agency).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}RightsInformation`;


/**
 * The agency kit's rights information for one agency's subgraph (`victimType` is its `Victim`): the read field
 * `Victim.<agency>RightsInformation` and the mutation `record<Agency>RightsInformation`, both of the category
 * RIGHTS_INFORMATION held by that agency. Every agency that handles cases gets it from the kit (`withAgencyKit`).
 */
export function rightsInformationResolver(agency: Agency, victimType: Function): Function {
  const field = rightsInformationField(agency);
  const mutation = rightsInformationMutation(agency);

  @Resolver(() => victimType)
  class RightsInformationResolver {
    @Category(DataCategory.RIGHTS_INFORMATION)
    @FieldResolver(() => [RightsInformationRecord], {
      name: field,
      nullable: true,
      description: `That the victim was informed of their rights, as ${agency} recorded it, oldest first.`,
    })
    rightsInformation(@Root() victim: { id: string }, @Ctx() ctx: SubgraphContext): Promise<RightsInformationRecord[]> {
      return recordsByVictim(ctx, RightsInformationRecord, { informedAt: 'ASC', id: 'ASC' }).load(victim.id);
    }

    @Mutation(() => RightsInformationRecord, {
      name: mutation,
      description: `Records that ${agency} informed the victim of their rights (national guideline); informedBy is the caller.`,
    })
    recordRightsInformation(
      @Arg('input', () => RecordRightsInformationInput, validated) input: RecordRightsInformationInput,
      @Ctx() ctx: SubgraphContext,
    ): Promise<RightsInformationRecord> {
      return agencyMutation(ctx, {
        mutation,
        category: DataCategory.RIGHTS_INFORMATION,
        typeName: 'RightsInformation',
        written: RightsInformationRecord,
        // Only this agency's own staff, and only into its own records.
        allowed: (caller) => decideWrite(caller, DataCategory.RIGHTS_INFORMATION, agency),
        target: { victimId: input.victimId },
        run: async (tx, write) => {
          const repo = tx.getRepository(RightsInformationRecord);
          const record = await repo.save(
            repo.create({
              id: newRecordId('ri'),
              victimId: input.victimId,
              agency,
              rights: [...input.rights],
              language: input.language,
              interpreter: input.interpreter,
              informedBy: ctx.caller.sub,
              informedByRole: ctx.caller.role,
              informedAt: input.informedAt,
            }),
          );
          await write.supportEvent({
            kind: SupportEventKind.RIGHTS_INFORMED,
            at: input.informedAt.toISOString(),
            summary: rightsInformedSummary(input.rights.length, input.language, input.interpreter),
            dueAt: null,
          });
          return record;
        },
      });
    }
  }
  return RightsInformationResolver;
}
