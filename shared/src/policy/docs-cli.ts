/**
 * `npm run docs`: writes `docs/access-policy.md` (from the policy table) and `docs/error-codes.md` (from the
 * error-code table). A test fails when either committed file differs from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderErrorCodesDoc } from '../errors/error-docs';
import { renderAccessPolicyDoc } from './policy-docs';

export const repoRoot = join(__dirname, '../../..');

/** Each generated document: where it goes, and how it is made. */
export const generatedDocs: { path: string; render: () => string }[] = [
  { path: join(repoRoot, 'docs', 'access-policy.md'), render: renderAccessPolicyDoc },
  { path: join(repoRoot, 'docs', 'error-codes.md'), render: renderErrorCodesDoc },
];

if (require.main === module) {
  try {
    for (const doc of generatedDocs) {
      mkdirSync(join(doc.path, '..'), { recursive: true });
      writeFileSync(doc.path, doc.render());
      console.log(`wrote ${relative(repoRoot, doc.path)}`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
