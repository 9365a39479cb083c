import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '@hub/shared/src/schema/subgraph-schemas';

/**
 * Issue 11, point 7: the design lives in the project. Code, tests and docs cite sections of
 * `docs/architecture.md` by anchor; every cited anchor must be a heading of that document, and nothing cites a
 * design document outside the repository.
 */

const SKIP = new Set(['node_modules', '.data', '.git', 'coverage']);
const TEXT = /\.(ts|mjs|js|md|yml|yaml|graphql|html|json)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return TEXT.test(entry.name) && entry.name !== 'package-lock.json' ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!.toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const self = __filename;
const sources = files(repoRoot).filter((f) => f !== self);
const architecture = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8');
const anchors = anchorsOf(architecture);

const citations = sources.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/architecture\.md#([\w-]+)/g)].map((m) => ({ file: relative(repoRoot, file), anchor: m[1]! })),
);

it('finds the citations it checks (so that it cannot pass by finding none)', () => {
  expect([...new Set(citations.map((c) => c.anchor))]).toEqual(
    expect.arrayContaining(['statistics', 'data-categories', 'who-may-read-what', 'consent', 'conventions']),
  );
});

it('resolves every docs/architecture.md#anchor cited in the repository to a heading of that document', () => {
  expect(citations.filter((c) => !anchors.has(c.anchor)).map((c) => `${c.file}: #${c.anchor}`)).toEqual([]);
});

it('reads anchors as GitHub does', () => {
  expect(anchorsOf('# Who may read what\n## Audit staff, analysts and NGO workers\n```\n# not a heading\n```\n## Consent\n## Consent\n')).toEqual(
    new Set(['who-may-read-what', 'audit-staff-analysts-and-ngo-workers', 'consent', 'consent-1']),
  );
});

it('cites no design document outside the repository', () => {
  const outside = new RegExp(['DESIGN', 'md'].join('\\.') + '|\\.\\./shared/');
  expect(sources.filter((f) => outside.test(readFileSync(f, 'utf8'))).map((f) => relative(repoRoot, f))).toEqual([]);
});
