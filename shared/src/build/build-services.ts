/**
 * `npm run build`: compiles every workspace's `src/` (shared, the gateway, each subgraph, the witness) to
 * CommonJS in `dist/` beside it, so that every service runs as plain `node <workspace>/dist/index.js` — no
 * TypeScript loader, no source-map-support rewriting every Error's stack (docs/architecture.md#conventions).
 *
 * The compiler is swc with the options in `.swcrc` — the same transform, legacy decorators with their
 * metadata (type-graphql and TypeORM read it), that @swc-node/register and jest apply — so a service behaves
 * compiled exactly as it does in tests of its source. swc does not type-check: `npm run typecheck` does.
 *
 * Incremental: `dist/.build-info.json` keeps a hash of each source; a file is compiled again only when its
 * source, the options or the workspaces changed, and compiled files whose source is gone are removed. Every
 * file is written to a temporary name and renamed, so a service starting meanwhile never reads half a file.
 * Imports of another workspace (`@hub/shared`, `@hub/shared/src/…`) are rewritten to its `dist/`, because
 * each workspace's package.json names its TypeScript source (for the type checker, jest and the CLIs).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type Options, transform, version as swcVersion } from '@swc/core';
import { COMPILED_DIR, SOURCE_DIR, compiledPath } from './compiled-path';

export const repoRoot = resolve(__dirname, '../../..');

/** Bump when what this file writes changes, so that every workspace is compiled again. */
const BUILD_FORMAT = 1;
const INFO_FILE = '.build-info.json';

export interface Workspace {
  /** Folder from the repository's root (`subgraphs/police`). */
  dir: string;
  /** Package name (`@hub/police`) and its entry (`src/index.ts`). */
  name: string;
  main?: string;
}

export interface BuildResult {
  /** Source files seen, compiled this time (changed or new), and compiled files removed (their source is gone). */
  files: number;
  compiled: number;
  removed: number;
  ms: number;
  workspaces: string[];
}

/** The npm workspaces of the repository (package.json `workspaces`, `dir/*` expanded). */
export function workspaces(root = repoRoot): Workspace[] {
  const patterns = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  const dirs = patterns.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${pattern.slice(0, -2)}/${d.name}`)
      : [pattern],
  );
  return dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; main?: string };
      return { dir, name: manifest.name, ...(manifest.main ? { main: manifest.main } : {}) };
    });
}

/** The workspaces that have a `src/` to compile (the test workspace has none: jest runs it from source). */
export const compiledWorkspaces = (root = repoRoot): Workspace[] =>
  workspaces(root).filter((w) => existsSync(join(root, w.dir, SOURCE_DIR)));

/** Every file under a workspace's src/, relative to src/, without unit tests (`__tests__`). */
function sourceFiles(srcDir: string, prefix = ''): string[] {
  return readdirSync(join(srcDir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(srcDir, rel);
    return entry.isFile() && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every file under a compiled folder, relative to it. */
function compiledFiles(distDir: string, prefix = ''): string[] {
  if (!existsSync(join(distDir, prefix))) return [];
  return readdirSync(join(distDir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? compiledFiles(distDir, rel) : [rel];
  });
}

/** What a source file becomes in dist/: a .ts file its .js and .js.map, any other file (an asset) itself. */
const outputsOf = (rel: string): string[] => (rel.endsWith('.ts') ? [`${rel.slice(0, -3)}.js`, `${rel.slice(0, -3)}.js.map`] : [rel]);

function writeAtomically(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/** `require("@hub/shared")` → `require("@hub/shared/dist/index.js")`, `require("@hub/x/src/a")` → `…/dist/a`. */
export function rewriteWorkspaceImports(code: string, packages: readonly Workspace[]): string {
  const byName = new Map(packages.map((w) => [w.name, w]));
  return code.replace(/\brequire\((["'])(@[^/"']+\/[^/"']+)((?:\/[^"']*)?)\1\)/g, (whole, quote: string, name: string, sub: string) => {
    const workspace = byName.get(name);
    if (!workspace) return whole;
    if (sub === '') {
      if (!workspace.main) return whole;
      return `require(${quote}${name}/${compiledPath(workspace.main)}${quote})`;
    }
    const inSource = new RegExp(`^/${SOURCE_DIR}(/|$)`);
    return inSource.test(sub) ? `require(${quote}${name}${sub.replace(inSource, `/${COMPILED_DIR}$1`)}${quote})` : whole;
  });
}

function swcOptions(root: string): Options {
  const { $schema: _schema, ...fromFile } = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8')) as Options & { $schema?: string };
  // Maps as files beside the code: nothing reads them unless asked (`NODE_OPTIONS=--enable-source-maps`).
  return { ...fromFile, swcrc: false, configFile: false, sourceMaps: true };
}

interface BuildInfo {
  key: string;
  sources: Record<string, string>;
}

const sha1 = (content: string | Buffer): string => createHash('sha1').update(content).digest('hex');

/** Compiles what changed in every workspace's src/ into its dist/; see the file's header. */
export async function buildServices(root = repoRoot): Promise<BuildResult> {
  const started = Date.now();
  const targets = compiledWorkspaces(root);
  const all = workspaces(root);
  const options = swcOptions(root);
  const key = sha1(JSON.stringify({ BUILD_FORMAT, swcVersion, options, workspaces: all }));
  const result: BuildResult = { files: 0, compiled: 0, removed: 0, ms: 0, workspaces: targets.map((w) => w.dir) };
  for (const workspace of targets) {
    const srcDir = join(root, workspace.dir, SOURCE_DIR);
    const distDir = join(root, workspace.dir, COMPILED_DIR);
    const infoPath = join(distDir, INFO_FILE);
    let previous: BuildInfo = { key: '', sources: {} };
    try {
      previous = JSON.parse(readFileSync(infoPath, 'utf8')) as BuildInfo;
    } catch {
      // no build yet, or a damaged record: everything is compiled
    }
    const fresh = previous.key === key;
    const sources = sourceFiles(srcDir);
    const hashes: Record<string, string> = {};
    const pending: Promise<void>[] = [];
    for (const rel of sources) {
      const content = readFileSync(join(srcDir, rel));
      const hash = sha1(content);
      hashes[rel] = hash;
      const unchanged = fresh && previous.sources[rel] === hash && outputsOf(rel).every((out) => existsSync(join(distDir, out)));
      if (unchanged) continue;
      result.compiled += 1;
      if (!rel.endsWith('.ts')) {
        writeAtomically(join(distDir, rel), content);
        continue;
      }
      const outFile = join(distDir, `${rel.slice(0, -3)}.js`);
      const sourceFile = join(srcDir, rel);
      pending.push(
        transform(content.toString('utf8'), {
          ...options,
          filename: sourceFile,
          sourceFileName: relative(dirname(outFile), sourceFile),
        }).then((output) => {
          const mapName = `${outFile.slice(dirname(outFile).length + 1)}.map`;
          writeAtomically(`${outFile}.map`, output.map ?? '');
          writeAtomically(outFile, `${rewriteWorkspaceImports(output.code, all)}\n//# sourceMappingURL=${mapName}\n`);
        }),
      );
    }
    await Promise.all(pending);
    result.files += sources.length;
    // Compiled files whose source is gone must not stay importable.
    const expected = new Set([INFO_FILE, ...sources.flatMap(outputsOf)]);
    for (const rel of compiledFiles(distDir)) {
      if (expected.has(rel) || (rel.endsWith('.tmp') && Date.now() - statSync(join(distDir, rel)).mtimeMs < 60_000)) continue;
      rmSync(join(distDir, rel), { force: true });
      result.removed += 1;
    }
    writeAtomically(infoPath, `${JSON.stringify({ key, sources: hashes } satisfies BuildInfo, null, 1)}\n`);
  }
  result.ms = Date.now() - started;
  return result;
}

/** One line for a person: what was compiled, in how long. */
export const describeBuild = (result: BuildResult): string =>
  result.compiled === 0 && result.removed === 0
    ? `Compiled JavaScript up to date (${result.files} files, checked in ${(result.ms / 1000).toFixed(2)} s)`
    : `Compiled ${result.compiled} of ${result.files} files to JavaScript in ${(result.ms / 1000).toFixed(2)} s` +
      (result.removed ? ` (${result.removed} stale files removed)` : '');
