import 'reflect-metadata';
import { AuditWriter, Metrics, announceListening, createLogger, handleShutdown, loadServiceKeys, stopTracing } from '@hub/shared';
import { enterUnguardedMode } from '@hub/shared/src/benchmark/unguarded-mode';
import { withDiscoveredOidc } from './auth/discover-oidc';
import { readGatewayConfig } from './config';
import { createGateway } from './create-gateway';

async function main(): Promise<void> {
  const log = createLogger('gateway');
  try {
    const settings = readGatewayConfig(process.env);
    const metrics = new Metrics();
    const audit = new AuditWriter(settings.auditDatabaseUrl, 'gateway', log, metrics);
    if (settings.unguardedBenchmark !== null) {
      // The benchmark's unguarded hub only (shared/src/benchmark/unguarded-mode.ts): no operation records. The
      // gateway has no database of its own, so the access log's must carry the run's mark.
      enterUnguardedMode({
        service: 'gateway',
        nonce: settings.unguardedBenchmark,
        production: settings.mode === 'production',
        host: settings.host,
        databaseMark: await audit.databaseMark(),
      });
      log.warn('UNGUARDED benchmark mode: no operation records');
    }
    const config = await withDiscoveredOidc(settings);
    const keys = await loadServiceKeys(config.keysDir, 'gateway');
    const gateway = await createGateway(config, {
      keys,
      audit,
      log,
      metrics,
      checks: { auditStore: () => audit.ping(), keys: () => loadServiceKeys(config.keysDir, 'gateway') },
    });
    const running = await gateway.listen(config.port, config.host);
    log.info({ url: running.url, port: running.port, mode: config.mode }, 'listening');
    announceListening(running.url, running.port);
    handleShutdown(log, async () => {
      await running.stop();
      await audit.close();
      await stopTracing();
    });
  } catch (error) {
    log.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}

void main();
