import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Agency, type Purpose, type Role } from '@hub/shared';
import { codes, queryAs } from '../support/client';

interface Example {
  title: string;
  identity: { agency: Agency; role: Role; purpose: Purpose };
  expect: string[];
  query: string;
}

/** The README's example operations: an HTML comment naming who runs it, then a graphql block. */
function readmeExamples(): Example[] {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const pattern = /<!-- example: ([^>]*?) -->\s*```graphql\n([\s\S]*?)```/g;
  return [...readme.matchAll(pattern)].map(([, settings, query]) => {
    const options = Object.fromEntries(settings!.trim().split(/\s+/).map((pair) => pair.split('=') as [string, string]));
    return {
      title: /query (\w+)/.exec(query!)?.[1] ?? 'example',
      identity: { agency: options.agency as Agency, role: options.role as Role, purpose: options.purpose as Purpose },
      expect: options.expect ? options.expect.split(',') : [],
      query: query!,
    };
  });
}

const examples = readmeExamples();

test('the README has example operations for several roles', () => {
  expect(examples.length).toBeGreaterThanOrEqual(5);
  expect(new Set(examples.map((e) => e.identity.role)).size).toBeGreaterThanOrEqual(4);
});

describe.each(examples.map((e) => [e.title, e] as const))('README example %s', (_title, example) => {
  it('runs with the stated identity and purpose, with exactly the stated error codes', async () => {
    const response = await queryAs(example.identity, example.query);
    expect(response.status).toBe(200);
    expect(response.data).toBeTruthy();
    expect([...new Set(codes(response))].sort()).toEqual([...example.expect].sort());
  });
});
