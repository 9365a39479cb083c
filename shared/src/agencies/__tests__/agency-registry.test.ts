/**
 * The agency registry is the one list of agencies: the subgraph folders match it, and no other hand-written
 * file lists the agencies (or their subgraphs) again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Agency, DataCategory, SupportEventKind, agencyEventCategory } from '../../domain/enums';
import { defaultPorts, subgraphNames } from '../../config/services';
import { agencyEntries, caseAgencyCategories, caseAgencyEventKinds, heldCategories, subgraphEntries } from '../agency-registry';

const root = join(__dirname, '../../../..');

it('has one subgraph folder (an npm workspace) per registry entry with a subgraph, and no other', () => {
  const folders = readdirSync(join(root, 'subgraphs'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'subgraphs', d.name, 'package.json')))
    .map((d) => d.name);
  expect(folders.sort()).toEqual([...subgraphNames].sort());
});

it('gives every service its own port: the gateway on 4000, a subgraph on 4000 + its offset, never the witness’s 4008', () => {
  const ports = Object.values(defaultPorts);
  expect(new Set(ports).size).toBe(ports.length);
  expect(ports).not.toContain(4008);
  for (const e of subgraphEntries) expect([e.subgraph, defaultPorts[e.subgraph as keyof typeof defaultPorts]]).toEqual([e.subgraph, 4000 + e.portOffset]);
});

it('derives the enums from the entries: each category and event kind owned by exactly one agency, or the kit’s', () => {
  expect(Object.values(Agency)).toEqual(agencyEntries.map((e) => e.agency));
  const kitCategories: string[] = caseAgencyCategories.map((c) => c.name);
  const kitKinds: string[] = [...caseAgencyEventKinds];
  const owners = (values: readonly string[], of: (e: (typeof agencyEntries)[number]) => readonly string[]) =>
    values.map((v) => agencyEntries.filter((e) => of(e).includes(v)).length);
  const owned = Object.values(DataCategory).filter((c) => !kitCategories.includes(c));
  expect(owners(owned, (e) => e.categories.map((c) => c.name)).every((n) => n === 1)).toBe(true);
  const ownKinds = Object.values(SupportEventKind).filter((k) => !kitKinds.includes(k));
  expect(owners(ownKinds, (e) => e.eventKinds).every((n) => n === 1)).toBe(true);
  // The kit's: rights information, held and contributed by every agency that handles cases, and by no other.
  expect(kitCategories).toEqual(['RIGHTS_INFORMATION']);
  expect(kitKinds).toEqual(['RIGHTS_INFORMED']);
  expect(Object.values(DataCategory)).toContain('RIGHTS_INFORMATION');
  const caseAgencies = agencyEntries.filter((e) => e.handlesCases).map((e) => e.agency);
  expect(agencyEntries.filter((e) => e.eventKinds.includes('RIGHTS_INFORMED')).map((e) => e.agency)).toEqual(caseAgencies);
  expect(agencyEntries.filter((e) => heldCategories(e).includes('RIGHTS_INFORMATION')).map((e) => e.agency)).toEqual(caseAgencies);
  expect(caseAgencies).not.toContain('AUDIT');
  expect(caseAgencies).not.toContain('NGO');
  // An agency's events are shown under one of the categories the policy knows.
  for (const category of Object.values(agencyEventCategory)) expect(Object.values(DataCategory)).toContain(category);
});

/**
 * A hand-written list of agencies or subgraphs: three or more of their names quoted on one line (outside
 * the registry, generated files and the tests that state expected values by hand).
 */
it('is the only hand-written file that lists the agencies or their subgraphs', () => {
  const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
  const generated = /(^|\/)(schema\.graphql|supergraph\.graphql|package-lock\.json|manifest\.json)$|^docs\/|\.md$/;
  const allowed = /^shared\/src\/agencies\/agency-registry\.ts$|^test\/|__tests__\/|^deploy\/|^docker-compose\.yml$/;
  const names = [...agencyEntries.map((e) => e.agency), ...subgraphEntries.map((e) => e.subgraph)];
  const quoted = new RegExp(`['"\`](${names.map((n) => n.replace(/-/g, '\\-')).join('|')})['"\`]`, 'g');
  const offenders: string[] = [];
  for (const file of tracked) {
    if (!/\.(ts|js|mjs)$/.test(file) || generated.test(file) || allowed.test(file)) continue;
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (new Set([...line.matchAll(quoted)].map((m) => m[1])).size >= 3) offenders.push(`${file}:${i + 1}`);
      });
  }
  expect(offenders).toEqual([]);
});
