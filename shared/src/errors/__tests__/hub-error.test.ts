/**
 * Denials are cheap and bugs keep their stacks: a refused field's error (deniedField) carries no stack frames
 * and reaches the answer as it was thrown — graphql-js does not copy it into a GraphQLError with a stack of its
 * own — and looks exactly like a HubError graphql-js locates itself; an Error made afterwards still has its frames.
 */
import { type GraphQLError, graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { HubError, deniedField } from '../hub-error';

let thrown: GraphQLError[] = [];
const refuse = (make: (info: Parameters<typeof deniedField>[0]) => GraphQLError) => ({
  type: GraphQLString,
  resolve: (_parent: unknown, _args: unknown, _context: unknown, info: Parameters<typeof deniedField>[0]) => {
    const error = make(info);
    thrown.push(error);
    throw error;
  },
});
const message = 'Access to Victim.reflectionPeriod (IMMIGRATION) refused: no active consent';
const victim = new GraphQLObjectType({
  name: 'Victim',
  fields: {
    alias: { type: GraphQLString, resolve: () => 'Amara K.' },
    located: refuse((info) => deniedField(info, 'CONSENT_REQUIRED', message, { category: 'IMMIGRATION' })),
    unlocated: refuse(() => new HubError('CONSENT_REQUIRED', message, { category: 'IMMIGRATION' })),
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { victim: { type: victim, resolve: () => ({}) } } }),
});

beforeEach(() => {
  thrown = [];
});

const frames = (stack: string | undefined): string[] => (stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));

it('answers a refused field with the error as thrown: no copy, no stack frames', async () => {
  const result = await graphql({ schema, source: '{ victim { alias located } }' });
  expect(result.data).toEqual({ victim: { alias: 'Amara K.', located: null } });
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]).toBe(thrown[0]);
  expect(frames(result.errors![0]!.stack)).toEqual([]);
});

it('looks in the answer exactly like a HubError that graphql-js locates itself', async () => {
  const located = await graphql({ schema, source: '{ victim { located } }' });
  const unlocated = await graphql({ schema, source: '{ victim { unlocated } }' });
  // graphql-js copied the unlocated one (with a stack of its own); the answer is the same but for the field's name.
  expect(unlocated.errors![0]).not.toBe(thrown[1]);
  const answer = (errors: readonly GraphQLError[] | undefined) => JSON.parse(JSON.stringify(errors).replace(/unlocated|located/g, 'field')) as unknown;
  expect(answer(located.errors)).toEqual(answer(unlocated.errors));
  expect(located.errors![0]!.toJSON()).toEqual({
    message,
    locations: [{ line: 1, column: 12 }],
    path: ['victim', 'located'],
    extensions: { category: 'IMMIGRATION', code: 'CONSENT_REQUIRED' },
  });
});

it('keeps the stack of a bug: the limit is lowered for the HubError alone', () => {
  const limit = Error.stackTraceLimit;
  new HubError('FORBIDDEN', 'denied');
  expect(Error.stackTraceLimit).toBe(limit);
  expect(frames(new Error('a bug').stack).length).toBeGreaterThan(0);
});
