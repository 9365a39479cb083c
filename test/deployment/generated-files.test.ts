/**
 * docker-compose.yml, deploy/postgres/init.sh and deploy/kubernetes/*.yaml are generated from the agency registry
 * and shared/src/config/services.ts (`npm run deploy-files`): a committed file that differs from what the generator
 * writes — an agency added without regenerating, a hand edit — fails here.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphNames } from '@hub/shared';
import { deployFiles, repoRoot } from '@hub/shared/src/deploy/deploy-files-cli';
import { KUBERNETES_DIR } from '@hub/shared/src/deploy/kubernetes-manifests';

describe.each(deployFiles.map((file) => [file.path, file] as const))('%s', (path, file) => {
  it('is committed and is what npm run deploy-files writes', () => {
    const full = join(repoRoot, path);
    if (!existsSync(full)) throw new Error(`${path} is missing: run npm run deploy-files`);
    if (readFileSync(full, 'utf8') !== file.render()) throw new Error(`${path} is stale: run npm run deploy-files`);
    if (file.executable) expect(statSync(full).mode & 0o111).not.toBe(0);
  });
});

describe('the generated deployment files', () => {
  it('are every file of deploy/kubernetes', () => {
    const generated = deployFiles.map((f) => f.path).filter((p) => p.startsWith(`${KUBERNETES_DIR}/`));
    expect(readdirSync(join(repoRoot, KUBERNETES_DIR)).map((f) => `${KUBERNETES_DIR}/${f}`).sort()).toEqual(generated.sort());
  });

  it('follow the registry: a subgraph added to it gets its database server, network, secrets, workload, job and policy', () => {
    const names = subgraphNames as string[];
    names.push('customs');
    try {
      const compose = deployFiles.find((f) => f.path === 'docker-compose.yml')!.render();
      for (const expected of ['  postgres-customs:', '  customs:', '  db-customs:', 'customs-database-password', 'customs.private.jwk.json']) {
        expect([expected, compose.includes(expected)]).toEqual([expected, true]);
      }
      const kubernetes = deployFiles.filter((f) => f.path.startsWith(KUBERNETES_DIR)).map((f) => f.render()).join('\n');
      for (const expected of ['name: migrate-customs', 'name: hub-key-customs', 'name: postgres-customs', 'CUSTOMS_URL']) {
        expect([expected, kubernetes.includes(expected)]).toEqual([expected, true]);
      }
    } finally {
      names.pop();
    }
    expect(deployFiles[0]!.render()).not.toContain('customs');
  });
});
