/** Part of `npm run docs`: regenerates the "Gateway settings" table in README.md from `gatewaySettings`. */
import { writeGatewaySettingsTable } from './config-docs';

try {
  writeGatewaySettingsTable();
  console.log('wrote README.md (gateway settings)');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
