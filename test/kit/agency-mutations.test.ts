/**
 * Every agency mutation goes through the kit's one path (docs/architecture.md, "Writes"): the cases are one per
 * mutation of the supergraph, so a new mutation without a case fails here first.
 * - Indistinguishable: a region-limited writer gets the same code and message for a victim outside its regions
 *   as for an id nobody has (issue 8, point 2).
 * - Fail closed: with the access log's writer role unable to log in, every mutation is refused and its database
 *   (outbox included) is unchanged (issue 8, point 4).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildSchema } from 'graphql';
import { type Agency, Region, type Role, roleAgencies } from '@hub/shared';
import { type GraphQLResponse, queryAs } from '../support/client';
import { postgresUrl, testHub } from '../support/hub-info';
import { identifyVictim, withAuditDb, withLogLock } from '../audit/audit-support';
import { type MutationCase, mutationCases, mutationsAboutNoVictim, unknownRecord } from './mutation-cases';

const supergraphMutations = (): string[] => {
  const sdl = readFileSync(join(__dirname, '../../gateway/supergraph.graphql'), 'utf8');
  const schema = buildSchema(sdl, { assumeValidSDL: true });
  return Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
};

/** The answer with every id in it replaced, so two answers about different ids compare as answers. */
const shape = (response: GraphQLResponse, ids: string[]): string => {
  let text = JSON.stringify({ data: response.data ?? null, errors: (response.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code })) });
  for (const id of ids) text = text.split(JSON.stringify(id).slice(1, -1)).join('<id>'); // as the id stands in JSON text
  return text;
};

/** The database name of a service (the hub info gives its URL). */
const databaseOf = (service: string): string => new URL(testHub().services[service]!.database!).pathname.slice(1);

/** Rows of every table of an agency's database: what a refused write must leave as it was. */
async function rowCounts(service: string): Promise<Record<string, number>> {
  const db = new Client({ connectionString: postgresUrl(databaseOf(service.replace(/_/g, '-'))) });
  await db.connect();
  try {
    const tables = (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'hub_assertion_id') ORDER BY 1`)).rows as { tablename: string }[];
    const counts: Record<string, number> = {};
    for (const { tablename } of tables) {
      counts[tablename] = Number((await db.query(`SELECT count(*)::int AS n FROM "${tablename}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await db.end();
  }
}

const unknownVictim = 'v-00000000ab';
/** Cases that name the victim; the others name a record of one. */
const aboutVictim = mutationCases.filter((c) => !c.madeBy);
const aboutRecord = mutationCases.filter((c) => c.madeBy);
const caseNamed = (name: string): MutationCase => {
  const found = mutationCases.find((c) => c.name === name);
  if (!found) throw new Error(`no mutation case ${name}`);
  return found;
};
/** Every role of every agency, as a caller. */
const everyRole = Object.entries(roleAgencies).flatMap(([role, agencies]) => agencies.map((agency) => ({ agency: agency as Agency, role: role as Role })));
/**
 * For every role limited to NORTH, how the case's answer about `known` (out of reach) differs from that about
 * `unknown` (nobody's): empty when no role can tell them apart.
 */
async function differencesForEveryRole(c: MutationCase, known: string, unknown: string): Promise<string[]> {
  const differences: string[] = [];
  for (const who of everyRole) {
    const caller = { ...who, purpose: c.writer.purpose, regions: [Region.NORTH] };
    const answer = await queryAs(caller, c.document, c.variables(known));
    const a = shape(answer, [known]);
    const b = shape(await queryAs(caller, c.document, c.variables(unknown)), [unknown]);
    if (answer.data != null || a !== b) differences.push(`${who.agency} ${who.role}: ${a} vs ${b}`);
  }
  return differences;
}
const coordinatorNational = mutationCases.find((c) => c.name === 'assignCoordinator')!.writer;
const northCaseworker = { agency: coordinatorNational.agency, role: 'CASEWORKER' as never, purpose: coordinatorNational.purpose, regions: [Region.NORTH] };

describe('the agency mutations', () => {
  it('each have a case here', () => {
    expect(supergraphMutations()).toEqual([...mutationCases.map((c) => c.name), ...mutationsAboutNoVictim].sort());
  });

  describe('for a writer limited to NORTH', () => {
    let eastVictim: string;
    beforeAll(async () => {
      eastVictim = await identifyVictim('Kit East');
    });

    it.each(aboutVictim.map((c) => [c.name, c] as const))('%s answers a victim outside the regions as an unknown id', async (_name, c) => {
      const writer = { ...c.writer, regions: [Region.NORTH] };
      const known = await queryAs(writer, c.document, c.variables(eastVictim));
      const unknown = await queryAs(writer, c.document, c.variables(unknownVictim));
      expect(known.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(shape(known, [eastVictim])).toBe(shape(unknown, [unknownVictim]));
    });
  });

  describe('for every role of every agency, limited to NORTH (no right to a victim in EAST)', () => {
    let eastVictim: string;
    beforeAll(async () => {
      eastVictim = await identifyVictim('Kit Roles');
    });

    it.each(aboutVictim.map((c) => [c.name, c] as const))('%s answers a known victim exactly as an unknown id', async (_name, c) => {
      expect(await differencesForEveryRole(c, eastVictim, unknownVictim)).toEqual([]);
    });
  });

  describe('about a record of a victim outside the regions (issue 8, points 2 and 3)', () => {
    const made = new Map<string, string>();
    beforeAll(async () => {
      // A woman and a girl in EAST, and every kind of record about them, each made by the national writer of
      // its agency (child welfare decides for minors only).
      const woman = await identifyVictim('Kit Records');
      const girl = await identifyVictim('Kit Records Minor', { birthYear: new Date().getUTCFullYear() - 14 });
      const social = caseNamed('placeInShelter').writer;
      const houses = await queryAs<{ shelters: { id: string; vacancies: number }[] }>(social, '{ shelters(accepts: WOMEN) { id vacancies } }');
      const shelterId = houses.data?.shelters.find((h) => h.vacancies > 0)?.id;
      if (!shelterId) throw new Error('the demo caseload has no safe house with room for a woman');
      for (const maker of new Set(aboutRecord.map((c) => c.madeBy!))) {
        const c = caseNamed(maker);
        if (c.needs) {
          const [writer, document, variables] = c.needs(c.minorsOnly ? girl : woman);
          const needed = await queryAs(writer, document, variables);
          if (needed.errors) throw new Error(`${maker} could not be prepared: ${JSON.stringify(needed.errors)}`);
        }
        const response = await queryAs<Record<string, { id: string }>>(c.writer, c.document, c.variables(c.minorsOnly ? girl : woman, { shelterId }));
        if (response.errors) throw new Error(`${maker} made no record: ${JSON.stringify(response.errors)}`);
        made.set(maker, response.data![maker]!.id);
      }
    });

    it.each(aboutRecord.map((c) => [c.name, c] as const))('%s answers it for a NORTH writer exactly as a record nobody has', async (_name, c) => {
      const recordId = made.get(c.madeBy!)!;
      const nobodys = unknownRecord(recordId.slice(0, recordId.indexOf('-')));
      const writer = { ...c.writer, regions: [Region.NORTH] };
      const known = await queryAs(writer, c.document, c.variables(recordId));
      const unknown = await queryAs(writer, c.document, c.variables(nobodys));
      expect(known.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(shape(known, [recordId])).toBe(shape(unknown, [nobodys]));
    });

    it.each(aboutRecord.map((c) => [c.name, c] as const))('%s answers it exactly as a record nobody has for every role limited to NORTH', async (_name, c) => {
      const recordId = made.get(c.madeBy!)!;
      const nobodys = unknownRecord(recordId.slice(0, recordId.indexOf('-')));
      expect(await differencesForEveryRole(c, recordId, nobodys)).toEqual([]);
    });
  });

  describe('about a safe house of another region', () => {
    const document = 'mutation ($s: ID!, $c: Int!) { setShelterCapacity(shelterId: $s, capacity: $c) { id capacity } }';
    const capacities = '{ shelters { id region capacity } }';

    it('answers a NORTH caseworker as a safe house that does not exist, and changes nothing', async () => {
      const social = caseNamed('placeInShelter').writer;
      const before = await queryAs<{ shelters: { id: string; region: string; capacity: number }[] }>(social, capacities);
      const elsewhere = before.data!.shelters.find((h) => h.region !== Region.NORTH)!;
      const north = { ...social, regions: [Region.NORTH] };
      const known = await queryAs(north, document, { s: elsewhere.id, c: elsewhere.capacity + 5 });
      const unknown = await queryAs(north, document, { s: 'sh-000000000000', c: elsewhere.capacity + 5 });
      expect(known.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(shape(known, [elsewhere.id])).toBe(shape(unknown, ['sh-000000000000']));
      const after = await queryAs<{ shelters: { id: string; capacity: number }[] }>(social, capacities);
      expect(after.data!.shelters.find((h) => h.id === elsewhere.id)!.capacity).toBe(elsewhere.capacity);
    });

    it('lets the caseworker set the beds of a safe house of their own region', async () => {
      const social = caseNamed('placeInShelter').writer;
      const houses = await queryAs<{ shelters: { id: string; region: string; capacity: number }[] }>(social, capacities);
      const own = houses.data!.shelters.find((h) => h.region === Region.NORTH)!;
      const north = { ...social, regions: [Region.NORTH] };
      const set = await queryAs<{ setShelterCapacity: { capacity: number } }>(north, document, { s: own.id, c: own.capacity });
      expect(set.errors).toBeUndefined();
      expect(set.data!.setShelterCapacity.capacity).toBe(own.capacity);
    });
  });

  describe('with a date in the future (docs/architecture.md, "Conventions")', () => {
    const isoDate = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;
    /** The case's variables with every date replaced by `to`, and the names of the fields replaced. */
    const withDates = (value: unknown, to: string, fields: string[], key = ''): unknown => {
      if (typeof value === 'string' && isoDate.test(value)) {
        fields.push(key);
        return to;
      }
      if (Array.isArray(value)) return value.map((v) => withDates(v, to, fields, key));
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDates(v, to, fields, k)]));
      return value;
    };
    // Records of what happened; a consent's validity is an agreement about the future and may start later.
    const dated = aboutVictim.filter((c) => {
      if (c.name === 'grantConsent') return false;
      const fields: string[] = [];
      withDates(c.variables(unknownVictim), '', fields);
      return fields.length > 0;
    });
    let victim: string;
    beforeAll(async () => {
      victim = await identifyVictim('Kit Future', { birthYear: new Date().getUTCFullYear() - 14 });
    });

    it('are most of the mutations that name a victim', () => {
      expect(dated.length).toBeGreaterThanOrEqual(8);
    });

    it.each(dated.map((c) => [c.name, c] as const))('%s refuses an hour from now as BAD_USER_INPUT and writes nothing', async (_name, c) => {
      const before = await rowCounts(c.database);
      const fields: string[] = [];
      const variables = withDates(c.variables(victim, { shelterId: 'sh-000000000000' }), new Date(Date.now() + 3_600_000).toISOString(), fields) as Record<string, unknown>;
      const answer = await queryAs(c.writer, c.document, variables);
      expect(answer.data?.[c.name] ?? null).toBeNull();
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.message).toMatch(/\b\w+ cannot be in the future$/);
      expect(await rowCounts(c.database)).toEqual(before);
    });
  });

  describe('with an id not shaped like a victim id (issue 8, point 2)', () => {
    // Malformed ids never reach a database: no SQL error (or its masked BAD_USER_INPUT) tells them from unknown ones.
    const malformed = ['not-a-victim-id', "v-1' OR '1'='1", 'v-00000000ab\u0000', `v-${'f'.repeat(200)}`, 'V-00000000AB'];

    it.each(aboutVictim.map((c) => [c.name, c] as const))('%s answers each exactly as an unknown id, for its own writer', async (_name, c) => {
      const unknown = shape(await queryAs(c.writer, c.document, c.variables(unknownVictim)), [unknownVictim]);
      expect(unknown).toContain('NOT_FOUND');
      const differences: string[] = [];
      for (const id of malformed) {
        const answer = shape(await queryAs(c.writer, c.document, c.variables(id)), [id]);
        if (answer !== unknown) differences.push(`${JSON.stringify(id)}: ${answer}`);
      }
      expect(differences).toEqual([]);
    });
  });

  describe('about a problem report of a victim outside the regions (issue 8, point 3)', () => {
    const reportsQuery = '{ problemReports(first: 100) { totalCount nodes { id victimId } } }';
    let reportId: string;
    let eastVictim: string;
    beforeAll(async () => {
      eastVictim = await identifyVictim('Kit Report');
      const made = await queryAs<{ reportProblem: { id: string } }>(coordinatorNational, 'mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }', {
        input: { victimId: eastVictim, region: 'EAST', topic: 'OTHER', reporter: 'Kit unit', description: 'A problem about a victim in the east.' },
      });
      expect(made.errors).toBeUndefined();
      reportId = made.data!.reportProblem.id;
    });

    it('a NORTH caseworker neither lists it nor resolves it, and the refusal commits nothing', async () => {
      const listed = await queryAs<{ problemReports: { nodes: { id: string }[] } }>(northCaseworker, reportsQuery);
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.problemReports.nodes.map((n) => n.id)).not.toContain(reportId);
      const document = 'mutation ($id: ID!) { resolveProblemReport(id: $id) { id resolvedAt } }';
      const known = await queryAs(northCaseworker, document, { id: reportId });
      const unknown = await queryAs(northCaseworker, document, { id: 'pr-000000000000' });
      expect(known.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(shape(known, [reportId])).toBe(shape(unknown, ['pr-000000000000']));
      const all = await queryAs<{ problemReports: { nodes: { id: string }[] } }>(coordinatorNational, '{ problemReports(first: 100, open: true) { nodes { id } } }');
      expect(all.data!.problemReports.nodes.map((n) => n.id)).toContain(reportId);
    });

    it('a caseworker whose token carries no regions is refused: local staff are never national by omission', async () => {
      const regionless = { ...northCaseworker, regions: [] };
      expect((await queryAs(regionless, reportsQuery)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const resolved = await queryAs(regionless, 'mutation ($id: ID!) { resolveProblemReport(id: $id) { id } }', { id: reportId });
      expect(resolved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('refusals that rest on facts the caller may not read (issue 8, point 2)', () => {
    it("a safe house that does not take in the person answers as a full one: the refusal names no gender or age", async () => {
      const social = mutationCases.find((c) => c.name === 'placeInShelter')!.writer;
      const woman = await identifyVictim('Kit Shelter'); // an adult woman; social services may not read her IDENTITY
      const houses = await queryAs<{ shelters: { id: string; accepts: string[]; vacancies: number }[] }>(social, '{ shelters { id accepts vacancies } }');
      expect(houses.errors).toBeUndefined();
      const forMenOnly = houses.data!.shelters.find((h) => !h.accepts.includes('WOMEN') && h.vacancies > 0);
      expect(forMenOnly).toBeDefined();
      const placed = await queryAs(social, 'mutation ($v: ID!, $s: ID!, $f: DateTimeISO!) { placeInShelter(victimId: $v, shelterId: $s, from: $f) { id } }', {
        v: woman, s: forMenOnly!.id, f: new Date(Date.now() - 3_600_000).toISOString(),
      });
      expect(placed.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['CONFLICT', 'The safe house cannot take this placement: it is full or does not take in this person'],
      ]);
    });
  });

  describe('when the access log cannot be written', () => {
    let victim: string;
    beforeAll(async () => {
      victim = await identifyVictim('Kit FailClosed');
      // What a mutation needs besides the victim (a consent to a counterpart before a hand-over), while the log is up.
      for (const c of aboutVictim.filter((c) => c.needs)) {
        const [writer, document, variables] = c.needs!(victim);
        expect((await queryAs(writer, document, variables)).errors).toBeUndefined();
      }
    });

    const setWriterLogin = (login: boolean): Promise<void> =>
      withAuditDb(async (db) => {
        await db.query(`ALTER ROLE hub_audit_writer ${login ? 'LOGIN' : 'NOLOGIN'}`);
        if (!login) await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'hub_audit_writer'`);
      });

    it('refuses every mutation and changes nothing, support events included', async () => {
      const services = [...new Set(aboutVictim.map((c) => c.database))];
      await withLogLock('exclusive', async () => {
        const before = Object.fromEntries(await Promise.all(services.map(async (s) => [s, await rowCounts(s)] as const)));
        await setWriterLogin(false);
        const answers: Record<string, unknown> = {};
        try {
          for (const c of aboutVictim) {
            const response = await queryAs(c.writer, c.document, c.variables(victim));
            answers[c.name] = { data: response.data ?? null, codes: (response.errors ?? []).map((e) => e.extensions?.code) };
          }
        } finally {
          await setWriterLogin(true);
        }
        for (const c of aboutVictim) {
          expect([c.name, answers[c.name]]).toEqual([c.name, { data: null, codes: ['AUDIT_UNAVAILABLE'] }]);
        }
        const after = Object.fromEntries(await Promise.all(services.map(async (s) => [s, await rowCounts(s)] as const)));
        expect(after).toEqual(before);
      });
    });

    it('writes when the log is back, with the fields written in the access log', async () => {
      const response = await queryAs(
        { ...mutationCases.find((c) => c.name === 'assignCoordinator')!.writer },
        'mutation ($v: ID!) { assignCoordinator(victimId: $v, coordinator: "kit-back") { id } }',
        { v: victim },
      );
      expect(response.errors).toBeUndefined();
      const rows = await withAuditDb(async (db) =>
        (await db.query(`SELECT fields, basis, victim_id FROM audit_record WHERE request_id = $1 AND kind = 'FIELD_ACCESS'`, [response.requestId])).rows as {
          fields: string[];
          basis: string[];
          victim_id: string;
        }[],
      );
      expect(rows).toContainEqual({ fields: ['Victim.coordinator'], basis: ['OWN_RECORDS', 'WRITE:assignCoordinator'], victim_id: victim });
    });
  });
});
