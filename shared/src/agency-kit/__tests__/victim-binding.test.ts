import 'reflect-metadata';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DataCategory } from '../../domain/enums';
import type { AccessDecision } from '../../policy/decide';
import { DerivedField } from '../../policy/derived-field';
import { enforceCategories } from '../../policy/enforce-categories';
import { Category } from '../../schema/category';
import { buildHubSubgraphSchema } from '../../schema/build-subgraph-schema';
import { AboutNoVictim, AboutVictim, AboutVictimReached, reachedThrough, victimBindingOf } from '../victim-binding';

@ObjectType()
class KitUnboundRecord {
  @Field(() => ID) id!: string;
  @Category(DataCategory.POLICE_CASE) @Field(() => String) secret!: string;
}

@Resolver()
class UnboundResolver {
  @Query(() => KitUnboundRecord)
  unbound(): KitUnboundRecord {
    return { id: 'r-1', secret: 'x' };
  }
}

@AboutVictim('personId')
@ObjectType()
class KitBoundRecord {
  personId!: string;
  @Category(DataCategory.POLICE_CASE) @Field(() => String) secret!: string;
}

@Resolver()
class BoundResolver {
  @Query(() => KitBoundRecord)
  bound(): KitBoundRecord {
    return { personId: 'v-bound', secret: 'x' };
  }
}

describe('explicit victim bindings', () => {
  it('fail the build of a schema whose categorised type declares none', async () => {
    const { schema } = await buildHubSubgraphSchema({ resolvers: [UnboundResolver] });
    expect(() => enforceCategories(schema)).toThrow(/KitUnboundRecord\.secret is categorised but KitUnboundRecord declares no victim binding/);
  });

  it('decide each field about the victim the binding names', async () => {
    const { schema } = await buildHubSubgraphSchema({ resolvers: [BoundResolver] });
    expect(enforceCategories(schema)).toEqual([{ typeName: 'KitBoundRecord', fieldName: 'secret', category: DataCategory.POLICE_CASE }]);
    const asked: (string | null)[] = [];
    const access = {
      decide: async (victimId: string | null) => {
        asked.push(victimId);
        return { allow: false, code: 'FORBIDDEN', reason: 'test' };
      },
      note: () => undefined,
      decideField(victimId: string | null) {
        return this.decide(victimId);
      },
    };
    const field = schema.getType('KitBoundRecord') as GraphQLObjectType;
    await expect(
      field.getFields().secret!.resolve!({ personId: 'v-bound', secret: 'x' }, {}, { access }, {} as never),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', category: DataCategory.POLICE_CASE } });
    expect(asked).toEqual(['v-bound']);
  });
});

@AboutVictimReached()
@ObjectType()
class KitDirectoryEntry {
  @Field(() => ID) id!: string;
  @Category(DataCategory.SHELTER_LOCATION) @Field(() => String) name!: string;
}

@AboutVictim('victimId')
@ObjectType()
class KitStay {
  victimId!: string;
  entryId!: string;
}

@Resolver(() => KitStay)
class ReachedResolver {
  @Query(() => [KitDirectoryEntry])
  directory(): KitDirectoryEntry[] {
    return [];
  }

  @Query(() => KitStay)
  stay(): KitStay {
    return { victimId: 'v-stay', entryId: 'e-1' };
  }

  @Category(DataCategory.SOCIAL)
  @FieldResolver(() => KitDirectoryEntry)
  entry(@Root() stay: KitStay): KitDirectoryEntry {
    return reachedThrough(Object.assign(new KitDirectoryEntry(), { id: stay.entryId, name: 'House' }), stay.victimId);
  }
}

@AboutVictim('victimId')
@ObjectType()
class KitDerivedRecord {
  victimId!: string;
  @Category(DataCategory.IMMIGRATION)
  @DerivedField('KitDerivedRecord', { inputs: [DataCategory.IMMIGRATION, DataCategory.POLICE_CASE], description: 'test' })
  @Field(() => Boolean)
  eligible!: boolean;
}

@Resolver()
class DerivedResolver {
  @Query(() => KitDerivedRecord)
  derived(): KitDerivedRecord {
    return { victimId: 'v-derived', eligible: true };
  }
}

/** Reached as an orphaned type only: the build fails before any resolver would matter. */
@AboutNoVictim()
@ObjectType()
class KitMisdeclaredRecord {
  @DerivedField('KitMisdeclaredRecord', { inputs: [DataCategory.POLICE_CASE], description: 'test' })
  @Category(DataCategory.IMMIGRATION)
  @Field(() => Boolean)
  eligible!: boolean;
}

/** An access controller that refuses `closed` categories and records what it was asked and told. */
function recordingAccess(closed: DataCategory[] = []) {
  const asked: [string | null, DataCategory][] = [];
  const noted: [string | null, string, DataCategory, boolean][] = [];
  const access = {
    decide: async (victimId: string | null, category: DataCategory): Promise<AccessDecision> => {
      asked.push([victimId, category]);
      return closed.includes(category)
        ? { allow: false, code: 'CONSENT_REQUIRED', reason: 'test' }
        : { allow: true, basis: { kind: 'OWN_RECORDS' }, review: false };
    },
    note: (victimId: string | null, typeName: string, field: string, category: DataCategory, decision: AccessDecision) => {
      noted.push([victimId, `${typeName}.${field}`, category, decision.allow]);
    },
    async decideField(victimId: string | null, typeName: string, field: string, category: DataCategory): Promise<AccessDecision> {
      const decision = await this.decide(victimId, category);
      this.note(victimId, typeName, field, category, decision);
      return decision;
    },
  };
  return { access, asked, noted };
}

const info = { fieldNodes: [], path: { key: 'f', prev: undefined, typename: undefined } } as never;
const fieldOf = (schema: GraphQLSchema, type: string, field: string) => (schema.getType(type) as GraphQLObjectType).getFields()[field]!;

describe('a type about the victim it was reached through', () => {
  it('is decided for no victim in itself, whatever properties it carries, and for the victim it was reached through', async () => {
    const { schema } = await buildHubSubgraphSchema({ resolvers: [ReachedResolver] });
    enforceCategories(schema);
    const name = fieldOf(schema, 'KitDirectoryEntry', 'name');
    const { access, asked } = recordingAccess();
    // A directory entry, even one whose row happened to have a victimId column, is about no victim.
    const listed = Object.assign(new KitDirectoryEntry(), { id: 'e-1', name: 'House', victimId: 'v-column' });
    await expect(name.resolve!(listed, {}, { access }, info)).resolves.toBe('House');
    const reached = await fieldOf(schema, 'KitStay', 'entry').resolve!({ victimId: 'v-stay', entryId: 'e-1' }, {}, { access }, info);
    expect(reached).toBeInstanceOf(KitDirectoryEntry);
    await expect(name.resolve!(reached, {}, { access }, info)).resolves.toBe('House');
    expect(asked).toEqual([
      [null, DataCategory.SHELTER_LOCATION],
      ['v-stay', DataCategory.SOCIAL],
      ['v-stay', DataCategory.SHELTER_LOCATION],
    ]);
    // The copy is the reached one; the record it was made from is still about no victim.
    expect(victimBindingOf('KitDirectoryEntry')!(reached)).toBe('v-stay');
    expect(victimBindingOf('KitDirectoryEntry')!(listed)).toBeNull();
  });
});

describe('a derived field', () => {
  it('is decided on every input it declares, for the bound victim, and noted under each', async () => {
    const { schema } = await buildHubSubgraphSchema({ resolvers: [DerivedResolver] });
    enforceCategories(schema);
    const { access, asked, noted } = recordingAccess();
    await expect(fieldOf(schema, 'KitDerivedRecord', 'eligible').resolve!({ victimId: 'v-derived', eligible: true }, {}, { access }, info)).resolves.toBe(true);
    expect(asked).toEqual([['v-derived', DataCategory.IMMIGRATION], ['v-derived', DataCategory.POLICE_CASE]]);
    expect(noted).toEqual([
      ['v-derived', 'KitDerivedRecord.eligible', DataCategory.IMMIGRATION, true],
      ['v-derived', 'KitDerivedRecord.eligible', DataCategory.POLICE_CASE, true],
    ]);
  });

  it('is refused, with that input named, when any input is refused — though its own category is open', async () => {
    const { schema } = await buildHubSubgraphSchema({ resolvers: [DerivedResolver] });
    enforceCategories(schema);
    const { access, noted } = recordingAccess([DataCategory.POLICE_CASE]);
    await expect(
      fieldOf(schema, 'KitDerivedRecord', 'eligible').resolve!({ victimId: 'v-derived', eligible: true }, {}, { access }, info),
    ).rejects.toMatchObject({ extensions: { code: 'CONSENT_REQUIRED', category: DataCategory.POLICE_CASE } });
    expect(noted).toEqual([['v-derived', 'KitDerivedRecord.eligible', DataCategory.POLICE_CASE, false]]);
  });

  it('fails the build when its own category is not among its inputs', async () => {
    const { schema } = await buildHubSubgraphSchema({ resolvers: [DerivedResolver], orphanedTypes: [KitMisdeclaredRecord] });
    expect(() => enforceCategories(schema)).toThrow(/KitMisdeclaredRecord\.eligible is categorised IMMIGRATION but declares itself derived from POLICE_CASE only/);
  });
});
