import { type GraphQLObjectType, buildSchema } from 'graphql';
import { DataCategory } from '../../domain/enums';
import { handoverSelection } from '../handover-part';

/** A subgraph's Victim as the kit sees it: categorised fields, nested records, a @requires field, a field with arguments. */
const schema = buildSchema(
  `
  directive @category(name: DataCategory!) on FIELD_DEFINITION
  directive @requires(fields: String!) on FIELD_DEFINITION
  type Query { _: Int }
  type Victim {
    id: ID!
    alias: String @category(name: IDENTITY)
    region: String @category(name: CASE_STATUS)
    investigations: [Investigation!] @category(name: POLICE_CASE)
    testifiedInCourt: Boolean @category(name: POLICE_CASE)
    eligibility: Boolean @category(name: POLICE_CASE) @requires(fields: "reflectionPeriod { endsAt }")
    findings(since: String!): [String!] @category(name: POLICE_CASE)
    clinicalNotes: String @category(name: HEALTH_DETAIL)
  }
  type Investigation {
    id: ID!
    caseNumber: String @category(name: POLICE_CASE)
    informantShelter: String @category(name: SHELTER_LOCATION)
    court: Court
  }
  type Court { name: String }
  enum DataCategory { IDENTITY CASE_STATUS POLICE_CASE HEALTH_DETAIL SHELTER_LOCATION }
`,
  { assumeValidSDL: true },
);
const victim = schema.getType('Victim') as GraphQLObjectType;

describe('handoverSelection: what the kit reads of a victim for a hand-over', () => {
  it('selects the categorised fields of exactly the asked categories, and below them every field not of another category', () => {
    expect(handoverSelection(victim, new Set([DataCategory.IDENTITY, DataCategory.POLICE_CASE]))).toBe(
      'alias investigations { id caseNumber court { name } } testifiedInCourt',
    );
  });

  it('leaves out fields that need another subgraph (@requires) or required arguments, and uncategorised top-level fields', () => {
    const selection = handoverSelection(victim, new Set([DataCategory.POLICE_CASE]));
    expect(selection).toBe('investigations { id caseNumber court { name } } testifiedInCourt');
  });

  it('selects nothing of categories the subgraph does not hold', () => {
    expect(handoverSelection(victim, new Set([DataCategory.IMMIGRATION]))).toBe('');
  });
});
