import { getMetadataStorage } from 'type-graphql';
import { keepsCaseAgencyRecords } from '../../agencies/agency-registry';
import type { DataSource } from 'typeorm';
import { insertInChunks } from '../../db/insert-in-chunks';
import type { Caseload } from '../../demo/caseload-types';
import { type Agency, subgraphAgency } from '../../domain/enums';
import type { SubgraphDefinition } from '../../subgraph/subgraph-definition';
import { RightsInformation1765200000000 } from './rights-information-migration';
import { RightsInformationRecord } from './rights-information-record';
import { rightsInformationResolver } from './rights-information.resolver';

/** The demo's rights information that this agency recorded. */
async function seedRightsInformation(dataSource: DataSource, agency: Agency, caseload: Caseload): Promise<void> {
  const rows = caseload.rightsInformation
    .filter((r) => r.agency === agency)
    .map((r) => ({ ...r, informedAt: new Date(r.informedAt) }));
  await insertInChunks(dataSource.getRepository(RightsInformationRecord), rows);
}

const withKit = new WeakMap<SubgraphDefinition, SubgraphDefinition>();

/** The subgraph's own `Victim` class: the type-graphql object type named `Victim` among its types and entities. */
function victimTypeOf(definition: SubgraphDefinition): Function {
  const candidates = new Set<unknown>([...(definition.orphanedTypes ?? []), ...(definition.entities as unknown[])]);
  const found = getMetadataStorage().objectTypes.filter((t) => t.name === 'Victim' && candidates.has(t.target));
  if (found.length !== 1) throw new Error(`${definition.name}: the agency kit needs the subgraph's one Victim type (found ${found.length})`);
  return found[0]!.target;
}

/**
 * A subgraph definition with what the agency kit gives every agency that handles cases (the registry's
 * `handlesCases`): rights information — its table (migration and entity, in the agency's own database), the read
 * field on `Victim` and the mutation. Nothing to wire in a subgraph: the schema printer, the service and its
 * migrations all take the definition through here. Others are returned as they are.
 */
export function withAgencyKit(definition: SubgraphDefinition): SubgraphDefinition {
  const done = withKit.get(definition);
  if (done) return done;
  const agency = subgraphAgency[definition.name as keyof typeof subgraphAgency];
  const { seed } = definition;
  const result: SubgraphDefinition =
    agency && keepsCaseAgencyRecords(agency)
      ? {
          ...definition,
          resolvers: [...definition.resolvers, rightsInformationResolver(agency, victimTypeOf(definition))],
          entities: [...(definition.entities as Function[]), RightsInformationRecord],
          migrations: [...(definition.migrations as Function[]), RightsInformation1765200000000],
          seed: seed && {
            ...seed,
            load: async (dataSource, caseload) => {
              await seed.load(dataSource, caseload);
              await seedRightsInformation(dataSource, agency, caseload);
            },
          },
        }
      : definition;
  withKit.set(definition, result);
  withKit.set(result, result);
  return result;
}
