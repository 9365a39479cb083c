import pino from 'pino';
import type { GraphQLFieldMap, GraphQLObjectType } from 'graphql';
import {
  AccessController,
  Agency,
  DataCategory,
  type HubCaller,
  Metrics,
  Purpose,
  Region,
  RequestLoaders,
  Role,
  type SubgraphContext,
  agencyEventCategory,
  buildHubSubgraphSchema,
  enforceCategories,
  keepsCaseAgencyRecords,
  roleAgencies,
  withAgencyKit,
} from '@hub/shared';
import { createDataSource } from '@hub/shared/src/db/create-data-source';
import { caseloadPage } from '@hub/coordination/src/caseload/caseload-query';
import { coordinationSubgraph } from '@hub/coordination/src/definition';
import { Victim } from '@hub/coordination/src/entities/victim';
import { loadVictimAccessFacts } from '@hub/coordination/src/internal/victim-access-facts';
import type { SupportPath } from '@hub/coordination/src/support-path/support-path.types';
import { postgresUrl } from '../support/hub-info';

/**
 * Issue 11, point 3: coordination's caseload and support path decide access by hand rather than through the
 * category wrapper (enforceCategories), because the wrapper decides one field of one victim it already holds, all
 * or nothing: the caseload decides which victims are in the answer at all, in SQL for scale (issue 10), and the
 * support path which of a victim's events are, each by its agency's category. This test holds both to the
 * decisions the wrapper makes, for the same callers, on the test hub's caseload (docs/architecture.md, "Who may
 * read what"):
 *
 * - the caseload lists exactly the victims whose `Victim.region` (CASE_STATUS) coordination's wrapped resolver
 *   answers — and, filtered on `minor`, whose `Victim.minor` (IDENTITY) it answers too, and is true;
 * - the support path shares an agency's events exactly when that agency's own subgraph would answer a field of
 *   the agency's event category, and its rights information when that subgraph would answer its own
 *   RIGHTS_INFORMATION: the decision its wrapper asks of the access controller the subgraph is built with
 *   (holder: that agency). Only coordination's schema is built here: type-graphql keeps global metadata, and
 *   every subgraph declares a `Victim` of its own.
 */

const JUSTIFICATION = 'Hand-made decisions test: a victim is missing';
const callers: HubCaller[] = [];
for (const role of Object.values(Role)) {
  for (const agency of roleAgencies[role]) {
    for (const purpose of Object.values(Purpose)) {
      for (const regions of [[], [Region.NORTH]]) {
        callers.push({
          sub: 'hand-made-decisions', agency, role, purpose, regions,
          justification: purpose === Purpose.EMERGENCY ? JUSTIFICATION : null,
          requestId: 'hand-made-decisions', via: 'gateway',
        });
      }
    }
  }
}
const label = (c: HubCaller) => `${c.role}@${c.agency} ${c.purpose} [${c.regions.join()}]`;
const info = { fieldNodes: [], path: { key: 'probe', prev: undefined, typename: 'Victim' } } as never;

const dataSource = createDataSource({
  url: postgresUrl('hub_coordination'),
  entities: coordinationSubgraph.entities,
  migrations: [],
  metrics: new Metrics(),
  log: pino({ level: 'silent' }),
});

describe("coordination's hand-made decisions agree with the category wrapper", () => {
  const now = new Date();
  let victims: Victim[];
  let facts: Awaited<ReturnType<ReturnType<typeof loadVictimAccessFacts>>>;
  let victimFields: GraphQLFieldMap<unknown, unknown>;

  beforeAll(async () => {
    await dataSource.initialize();
    victims = await dataSource.getRepository(Victim).find({ order: { id: 'ASC' } });
    facts = await loadVictimAccessFacts(dataSource)(victims.map((v) => v.id));
    const definition = withAgencyKit(coordinationSubgraph);
    const { schema } = await buildHubSubgraphSchema({
      resolvers: definition.resolvers,
      orphanedTypes: definition.orphanedTypes,
      referenceResolvers: definition.referenceResolvers,
    });
    enforceCategories(schema);
    victimFields = (schema.getType('Victim') as GraphQLObjectType).getFields();
  });
  afterAll(() => dataSource.destroy());

  const factsOf = (id: string) => facts[victims.findIndex((v) => v.id === id)] ?? null;
  /** The access controller a subgraph of `holder`'s agency builds for the caller (create-subgraph.ts). */
  const controller = (caller: HubCaller, holder: Agency | null) => new AccessController(caller, async (id) => factsOf(id), now, holder);
  /** Does coordination's wrapped resolver of `Victim.<field>` answer for this victim? */
  const wrapperAnswers = async (field: string, victim: Victim, access: AccessController): Promise<boolean> => {
    try {
      await victimFields[field]!.resolve!(victim, {}, { access }, info);
      return true;
    } catch (error) {
      if ((error as { extensions?: { category?: unknown } }).extensions?.category) return false;
      throw error;
    }
  };

  async function listed(caller: HubCaller, filter: { minor?: boolean }): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await caseloadPage(dataSource, caller, { first: 100, after, filter }, now);
      ids.push(...page.ids);
      if (!page.hasNextPage) return ids.sort();
      after = page.endCursor;
    }
  }

  it(`lists in the caseload exactly the victims whose fields the wrapper answers, for ${callers.length} callers`, async () => {
    expect(victims.length).toBeGreaterThan(100);
    const mismatches: string[] = [];
    let listings = 0;
    for (const caller of callers) {
      const access = controller(caller, Agency.COORDINATION);
      const region = await Promise.all(victims.map((v) => wrapperAnswers('region', v, access)));
      const minor = await Promise.all(victims.map((v) => wrapperAnswers('minor', v, access)));
      const expected = {
        all: victims.filter((_, i) => region[i]).map((v) => v.id),
        minors: victims.filter((v, i) => region[i] && minor[i] && v.minor).map((v) => v.id),
      };
      const actual = { all: await listed(caller, {}), minors: await listed(caller, { minor: true }) };
      listings += expected.all.length;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(`${label(caller)}: listed ${actual.all.length}/${actual.minors.length} minors, wrapper ${expected.all.length}/${expected.minors.length}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Not vacuous: some callers see the whole caseload, some part of it, some none.
    expect(listings).toBeGreaterThan(victims.length);
  }, 600_000);

  it('shares on the support path exactly the agencies whose own wrapper would answer, and shows only their events', async () => {
    const sample = victims.filter((v) => v.identifiedAt).filter((_, i) => i % 10 === 0);
    const mismatches: string[] = [];
    let paths = 0;
    let shared = 0;
    for (const caller of callers) {
      for (const victim of sample) {
        const access = controller(caller, Agency.COORDINATION);
        const ctx = { caller, access, loaders: new RequestLoaders(), dataSource, now } as unknown as SubgraphContext;
        let path: SupportPath;
        try {
          path = (await victimFields.supportPath!.resolve!(victim, {}, ctx, info)) as SupportPath;
        } catch (error) {
          if (!(error as { extensions?: { category?: unknown } }).extensions?.category) throw error;
          continue;
        }
        paths += 1;
        for (const sharing of path.agencies) {
          const owner = controller(caller, sharing.agency);
          const events = (await owner.decide(victim.id, agencyEventCategory[sharing.agency])).allow;
          const rights = keepsCaseAgencyRecords(sharing.agency) && (await owner.decide(victim.id, DataCategory.RIGHTS_INFORMATION)).allow;
          if (sharing.shared !== events || sharing.rightsInformationShared !== rights) {
            mismatches.push(`${label(caller)} ${victim.id} ${sharing.agency}: path ${sharing.shared}/${sharing.rightsInformationShared}, its wrapper ${events}/${rights}`);
          }
          if (events) shared += 1;
        }
        const open = new Set(path.agencies.filter((a) => a.shared).map((a) => a.agency));
        const rightsOpen = new Set(path.agencies.filter((a) => a.rightsInformationShared).map((a) => a.agency));
        for (const event of path.events) {
          if (!(event.kind === 'RIGHTS_INFORMED' ? rightsOpen : open).has(event.agency)) {
            mismatches.push(`${label(caller)} ${victim.id}: shows ${event.agency} ${event.kind}, not shared`);
          }
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(paths).toBeGreaterThan(sample.length);
    expect(shared).toBeGreaterThan(0);
  }, 600_000);
});
