import 'reflect-metadata';
import { AuditWriter, Metrics, announceListening, createLogger, handleShutdown, loadServiceKeys, stopTracing } from '@hub/shared';
import { withDiscoveredOidc } from './auth/discover-oidc';
import { readGatewayConfig } from './config';
import { createGateway } from './create-gateway';

async function main(): Promise<void> {
  const log = createLogger('gateway');
  try {
    const config = await withDiscoveredOidc(readGatewayConfig(process.env));
    const keys = await loadServiceKeys(config.keysDir, 'gateway');
    const metrics = new Metrics();
    const audit = new AuditWriter(config.auditDatabaseUrl, 'gateway', log, metrics);
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
