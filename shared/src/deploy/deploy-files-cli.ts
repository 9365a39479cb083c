/**
 * `npm run deploy-files`: writes docker-compose.yml, deploy/postgres/init.sh and deploy/kubernetes/*.yaml from the
 * agency registry and shared/src/config/services.ts (through deployment.ts). A test fails when a committed file
 * differs from what this writes (test/deployment/generated-files.test.ts).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMPOSE_FILE, renderComposeFile } from './compose-file';
import { kubernetesFiles } from './kubernetes-manifests';
import { POSTGRES_INIT_SCRIPT, renderPostgresInit } from './postgres-init';

export const repoRoot = join(__dirname, '../../..');

/** Each generated file: its path in the repository, how it is made, and whether it is executable. */
export const deployFiles: { path: string; render: () => string; executable?: boolean }[] = [
  { path: COMPOSE_FILE, render: renderComposeFile },
  { path: POSTGRES_INIT_SCRIPT, render: renderPostgresInit, executable: true },
  ...kubernetesFiles,
];

if (require.main === module) {
  try {
    for (const file of deployFiles) {
      const path = join(repoRoot, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.render());
      if (file.executable) chmodSync(path, 0o755);
      console.log(`wrote ${file.path}`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
