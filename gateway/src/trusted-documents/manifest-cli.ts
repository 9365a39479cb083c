/**
 * `npm run trusted-documents`: turns every `gateway/trusted-documents/*.graphql` file into
 * `gateway/trusted-documents/manifest.json`, the only operations a production gateway runs. An operation that does
 * not validate against the committed supergraph is refused here. A test fails when the committed manifest is stale.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildTrustedDocumentsManifest, manifestPath, renderTrustedDocumentsManifest } from './trusted-documents-manifest';

try {
  const manifest = buildTrustedDocumentsManifest();
  writeFileSync(manifestPath, renderTrustedDocumentsManifest(manifest));
  console.log(`wrote ${relative(process.cwd(), manifestPath)}: ${manifest.operations.length} operations`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
