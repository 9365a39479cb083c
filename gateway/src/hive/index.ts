import 'reflect-metadata';
import { AuditWriter, announceListening, createLogger, handleShutdown, loadServiceKeys } from '@hub/shared';
import { withDiscoveredOidc } from '../auth/discover-oidc';
import { readGatewayConfig } from '../config';
import { createHiveGateway } from './create-hive-gateway';

/** The second gateway (Hive Gateway): the same settings as the Apollo gateway, read by the same code. */
async function main(): Promise<void> {
  const log = createLogger('hive-gateway');
  try {
    const config = await withDiscoveredOidc(readGatewayConfig(process.env));
    const keys = await loadServiceKeys(config.keysDir, 'gateway');
    const audit = new AuditWriter(config.auditDatabaseUrl, 'gateway', log);
    const gateway = await createHiveGateway(config, { keys, audit, log });
    const running = await gateway.listen(config.port, config.host);
    log.info({ url: running.url, port: running.port, mode: config.mode }, 'listening');
    announceListening(running.url, running.port);
    handleShutdown(log, async () => {
      await running.stop();
      await audit.close();
    });
  } catch (error) {
    log.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}

void main();
