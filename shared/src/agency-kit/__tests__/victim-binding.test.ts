import 'reflect-metadata';
import type { GraphQLObjectType } from 'graphql';
import { Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { DataCategory } from '../../domain/enums';
import { enforceCategories } from '../../policy/enforce-categories';
import { Category } from '../../schema/category';
import { buildHubSubgraphSchema } from '../../schema/build-subgraph-schema';
import { AboutVictim } from '../victim-binding';

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
    };
    const field = schema.getType('KitBoundRecord') as GraphQLObjectType;
    await expect(
      field.getFields().secret!.resolve!({ personId: 'v-bound', secret: 'x' }, {}, { access }, {} as never),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', category: DataCategory.POLICE_CASE } });
    expect(asked).toEqual(['v-bound']);
  });
});
