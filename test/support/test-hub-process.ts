/**
 * The test run's hub, in a process of its own (started by the global setup): PostgreSQL with its data under
 * the OS temp folder, every subgraph and the gateway on free ports, the demo caseload. Prints one line of
 * JSON (`TestHubInfo`) when ready; stops everything on SIGTERM or when its parent goes away.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchHub } from '@hub/shared/src/local/launch-hub';
import type { ServiceLogLine } from '@hub/shared/src/local/service-process';
import { TEST_AS_OF, TEST_SEED, type TestHubInfo } from './hub-info';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const logs: ServiceLogLine[] = [];
  // Every line of every service, for the tests that prove what logs never hold (test/operations/request-logs).
  const logFile = join(dataDir, 'services.log.ndjson');
  const hub = await launchHub({
    dataDir,
    ports: 'free',
    demo: { seed: TEST_SEED, asOf: TEST_AS_OF },
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    // The suite sends thousands of requests from a few identities and one address; the limits themselves are
    // tested on a gateway of their own (test/security/rate-limits.test.ts).
    gatewayEnv: { HUB_RATE_LIMIT_PER_MINUTE: '1000000', HUB_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000' },
    // The second gateway, so that the leak tests can ask both (test/support/gateways.ts).
    hiveGateway: true,
    onLog: (line) => {
      logs.push(line);
      appendFileSync(logFile, `${JSON.stringify({ service: line.service, raw: line.raw })}\n`);
      if (line.level === 'error' || line.level === 'fatal') process.stderr.write(`[${line.service}] ${line.raw}\n`);
    },
  }).catch((error: unknown) => {
    process.stderr.write(`${logs.map((l) => `[${l.service}] ${l.raw}`).join('\n')}\n`);
    throw error;
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  const info: TestHubInfo = {
    gatewayUrl: hub.gatewayUrl,
    hiveGatewayUrl: hub.hiveGatewayUrl!,
    services: hub.services,
    postgresPort: hub.postgres!.port,
    keysDir: hub.keysDir,
    dataDir,
    logFile,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
