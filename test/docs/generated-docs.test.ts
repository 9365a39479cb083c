import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { DataCategory, Purpose, Role, errorCodes, legalRules } from '@hub/shared';
import { renderErrorCodesDoc } from '@hub/shared/src/errors/error-docs';
import { generatedDocs, repoRoot } from '@hub/shared/src/policy/docs-cli';
import { renderAccessPolicyDoc } from '@hub/shared/src/policy/policy-docs';

/**
 * `docs/access-policy.md` and `docs/error-codes.md` are generated from the policy and error-code tables.
 * Developers rely on them to say what the code does: a change to either table without `npm run docs` fails here.
 */
describe.each(generatedDocs.map((doc) => [relative(repoRoot, doc.path), doc] as const))('%s', (name, doc) => {
  it('is committed and matches its table (otherwise: run npm run docs)', () => {
    if (!existsSync(doc.path)) throw new Error(`${name} is missing: run npm run docs`);
    const committed = readFileSync(doc.path, 'utf8');
    if (committed !== doc.render()) throw new Error(`${name} is stale: run npm run docs`);
  });
});

describe('the generated documents follow their tables', () => {
  it('shows a legal rule added to the policy table, with its roles, categories, purposes and condition', () => {
    const rules = legalRules as unknown as (typeof legalRules)[number][];
    rules.push({
      id: 'TEST_ONLY_RULE',
      description: 'A rule that exists only in this test.',
      agency: legalRules[0]!.agency,
      roles: [Role.NGO_WORKER],
      categories: [DataCategory.HEALTH_SUMMARY],
      purposes: [Purpose.AUDIT],
      applies: () => true,
      condition: 'never outside this test',
    });
    try {
      const text = renderAccessPolicyDoc();
      expect(text).toContain('### `TEST_ONLY_RULE`');
      expect(text).toContain('- condition: never outside this test');
      expect(text).toContain('- categories: `HEALTH_SUMMARY`');
      expect(text).toContain('- purposes: `AUDIT`');
    } finally {
      rules.pop();
    }
    expect(renderAccessPolicyDoc()).not.toContain('TEST_ONLY_RULE');
  });

  it('lists every error code of the table with its meaning', () => {
    const text = renderErrorCodesDoc();
    for (const [code, meaning] of Object.entries(errorCodes)) expect(text).toContain(`| \`${code}\` | ${meaning} |`);
  });

  it('documents both denial codes, the decision order and a denial as the client sees it', () => {
    const text = renderAccessPolicyDoc();
    expect(text).toContain('## Decision order');
    expect(text).toMatch(/"code": "CONSENT_REQUIRED",\s+"category": "HEALTH_SUMMARY"/);
    expect(text).toContain('`FORBIDDEN`: HEALTH_DETAIL is closed even in an emergency');
  });
});
