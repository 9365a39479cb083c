/**
 * `npm run token -- --agency <AGENCY> --role <ROLE> [--region <R>]… [--sub <id>] [--ttl <seconds>]`
 * prints a bearer token from the embedded issuer of local mode — and nothing else, so that
 * `TOKEN=$(npm run -s token -- …)` works.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agency, Region, Role, roleAgencies } from '@hub/shared';
import { LocalIssuer } from './local-issuer';

const usage = `usage: npm run token -- --agency <AGENCY> --role <ROLE> [--region <REGION>]... [--sub <id>] [--ttl <seconds>]
  agencies: ${Object.values(Agency).join(', ')}
  roles:    ${Object.values(Role).join(', ')}
  regions:  ${Object.values(Region).join(', ')} (repeat for several; none = national)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        agency: { type: 'string' },
        role: { type: 'string' },
        region: { type: 'string', multiple: true },
        sub: { type: 'string' },
        ttl: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const agency = values.agency?.toUpperCase() as Agency | undefined;
  const role = values.role?.toUpperCase() as Role | undefined;
  if (!agency || !Object.values(Agency).includes(agency)) fail(`--agency must be one of the agencies below`);
  if (!role || !Object.values(Role).includes(role)) fail(`--role must be one of the roles below`);
  if (!roleAgencies[role].includes(agency)) fail(`There is no ${role} in ${agency}: ${role} exists in ${roleAgencies[role].join(', ')}`);
  const regions = (values.region ?? []).map((r) => r.toUpperCase() as Region);
  for (const region of regions) if (!Object.values(Region).includes(region)) fail(`Unknown region ${region}`);
  const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) fail('--ttl is a whole number of seconds from 1 to 86400');
  const dataDir = process.env.HUB_DATA_DIR ?? join(__dirname, '../../../.data');
  const issuer = await LocalIssuer.open(dataDir);
  const sub = values.sub ?? `${agency.toLowerCase()}-${role.toLowerCase()}-demo`;
  process.stdout.write(`${await issuer.issue({ sub, agency, role, regions }, ttl)}\n`);
}

void main();
