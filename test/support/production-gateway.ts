import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServiceLogLine, startServiceProcess } from '@hub/shared/src/local/service-process';
import { type SubgraphName, serviceEntry, serviceUrlVariable, subgraphNames } from '@hub/shared';
import { testHub } from './hub-info';

const repoRoot = join(__dirname, '../..');

/** A second gateway process in production mode, in front of the test hub's subgraphs. */
export interface ProductionGateway {
  /** Its GraphQL endpoint. */
  url: string;
  /** Its origin (where it also serves /console). */
  origin: string;
  /** Everything it logged. */
  logs: ServiceLogLine[];
  stop: () => Promise<void>;
}

/**
 * Starts the gateway as a real deployment runs it (HUB_MODE=production): its own data directory, the test
 * hub's keys, subgraphs and access log. `env` adds the deployment's settings (at least OIDC_ISSUER and
 * OIDC_AUDIENCE, which production mode requires; the rest is discovered).
 */
export async function startProductionGateway(env: Record<string, string>, name = 'gateway-production'): Promise<ProductionGateway> {
  return startGatewayProcess({ HUB_MODE: 'production', ...env }, name);
}

/**
 * A second gateway in local mode with the test hub's embedded issuer (the tests' tokens are valid there),
 * for tests that need a gateway of their own: other subgraph URLs (through a fault proxy), other limits.
 */
export async function startLocalGateway(env: Record<string, string>, name = 'gateway-local'): Promise<ProductionGateway> {
  return startGatewayProcess({ HUB_MODE: 'local', HUB_DATA_DIR: testHub().dataDir, ...env }, name);
}

async function startGatewayProcess(env: Record<string, string>, name: string): Promise<ProductionGateway> {
  const hub = testHub();
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-production-gateway-'));
  const password = readFileSync(join(hub.keysDir, 'audit-writer.secret'), 'utf8').trim();
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((subgraph: SubgraphName) => [serviceUrlVariable(subgraph), hub.services[subgraph]!.url]),
  );
  const logs: ServiceLogLine[] = [];
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const gateway = await startServiceProcess({
      name,
      entry: join(repoRoot, serviceEntry('gateway')),
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        HUB_KEYS_DIR: hub.keysDir,
        HUB_DATA_DIR: dataDir,
        AUDIT_WRITER_URL: `postgres://hub_audit_writer:${encodeURIComponent(password)}@127.0.0.1:${hub.postgresPort}/hub_audit`,
        ...subgraphUrls,
        ...env,
      },
      onLog: (line) => logs.push(line),
      startTimeoutMs: 90_000,
    });
    return {
      url: gateway.url,
      origin: new URL(gateway.url).origin,
      logs,
      stop: async () => {
        await gateway.stop();
        removeDataDir();
      },
    };
  } catch (error) {
    removeDataDir();
    throw new Error(`${(error as Error).message}\n${logs.map((l) => l.raw).join('\n')}`);
  }
}
