/**
 * `npm start`: the whole hub on this machine, on an embedded PostgreSQL, with the demo caseload.
 * Data lives in `.data/` (or `HUB_DATA_DIR`); a second start reuses it. Ctrl-C stops everything.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type SubgraphName, databaseUrlVariable, subgraphNames } from '../config/services';
import { prepareDataDir, unreachableParent } from './embedded-postgres';
import { type RunningHub, launchHub, repoRoot } from './launch-hub';
import { type PortChoice, portChoiceFromEnv } from './port-plan';

const DEMO_SEED = 2009;

function demoSettings(dataDir: string): { seed: number; asOf: Date } {
  // The caseload is generated against the date of the first start, and reused afterwards.
  const path = join(dataDir, 'demo.json');
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { seed: number; asOf: string };
    return { seed: saved.seed, asOf: new Date(saved.asOf) };
  }
  const today = new Date();
  const asOf = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  writeFileSync(path, JSON.stringify({ seed: DEMO_SEED, asOf: asOf.toISOString() }, null, 2));
  return { seed: DEMO_SEED, asOf };
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.HUB_DATA_DIR ?? join(repoRoot, '.data'));
  const externalDatabases: Partial<Record<SubgraphName, string>> = {};
  for (const name of subgraphNames) {
    const url = process.env[databaseUrlVariable(name)];
    if (url) externalDatabases[name] = url;
  }
  const postgresDir = join(dataDir, 'postgres');
  prepareDataDir(dataDir);
  const blocked = Object.keys(externalDatabases).length < subgraphNames.length ? unreachableParent(postgresDir) : null;
  if (blocked) {
    console.error(
      `\nCannot start the embedded PostgreSQL in ${postgresDir}:\n` +
        `  running as root, PostgreSQL runs as the "postgres" user, and ${blocked} is not searchable by others.\n` +
        `Either start with a data folder it can reach, e.g.\n\n    HUB_DATA_DIR=/tmp/support-path-hub npm start\n\n` +
        `or point every subgraph at an external PostgreSQL (see README, "External PostgreSQL").\n`,
    );
    process.exit(2);
  }
  let ports: PortChoice;
  try {
    ports = portChoiceFromEnv(process.env);
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(2);
  }
  const verbose = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
  console.log(`Starting the support-path hub (data in ${dataDir}) …`);
  let hub: RunningHub | undefined;
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    if (!hub) return; // still starting: stopped as soon as it is up (below)
    console.log(`\nStopping the hub (${reason}) …`);
    await hub.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  // Ctrl-C, a supervisor's or an IDE's stop (SIGTERM), a closed terminal (SIGHUP): everything stops.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  // npm does not pass SIGTERM on to its script: it exits, and this process is handed to init. Seeing its
  // parent change is how the launcher learns that `npm start` was stopped.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop('npm start was stopped');
  }, 500).unref();
  // With npm gone, so is the terminal or pipe stdout wrote to: writing there must not end the launcher.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  try {
    hub = await launchHub({
      dataDir,
      ports,
      demo: demoSettings(dataDir),
      externalDatabases,
      auditWriterUrl: process.env.AUDIT_WRITER_URL,
      onLog: (line) => {
        if (line.service === 'postgres' && !verbose) return;
        if (line.level === 'debug' || line.level === 'trace') return;
        if (line.message === 'listening') return; // the summary below lists every address
        console.log(`${`[${line.service}]`.padEnd(18)} ${line.level === 'info' ? '' : `${line.level.toUpperCase()} `}${line.message}`);
      },
    });
  } catch (error) {
    console.error(`\nThe hub could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  if (stopping) {
    stopping = false;
    await stop('stopped while starting');
  }
  console.log('\nThe support-path hub is running:\n');
  for (const [name, service] of Object.entries(hub.services)) {
    console.log(`  ${name.padEnd(16)} ${service.url}${service.database ? `   db ${service.database}` : ''}`);
  }
  if (hub.postgres) console.log(`  ${'postgres'.padEnd(16)} ${hub.postgres.url}`);
  console.log(`  ${'console'.padEnd(16)} ${hub.gatewayUrl.replace(/\/graphql$/, '/console')}`);
  console.log(`\nAddresses written to ${join(dataDir, 'hub.json')}.`);
  console.log('Get a token:  npm run token -- --agency COORDINATION --role COORDINATOR');
  console.log('Press Ctrl-C to stop.\n');
}

void main();
