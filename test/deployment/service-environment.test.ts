/**
 * The variable lists in shared/src/config/services.ts, which docker-compose.yml is checked against, checked
 * in turn against the code: every variable a service process reads is listed, and nothing else.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type SubgraphName,
  gatewayEnvironment,
  handoverSubgraphs,
  internalUrlVariable,
  serviceUrlVariable,
  subgraphEnvironment,
  subgraphNames,
  subgraphOwnEnvironment,
  tracingEnvironment,
} from '@hub/shared';
import { readGatewayConfig } from '../../gateway/src/config';

const root = join(__dirname, '../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

describe('the lists of variables in shared/src/config/services.ts', () => {
  /** Launcher-internal: set by shared/src/local/service-process.ts for its children only. */
  const launcherOnly = ['HUB_EXIT_WITH_PARENT'];
  /** Not the services' code: the local launcher and command-line tools (`*-cli.ts`, `cli/`). */
  const notService = (path: string): boolean => path === 'shared/src/local' || path.endsWith('/cli') || path.endsWith('-cli.ts');
  const sourceFiles = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (notService(path)) return [];
      if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    });
  const variablesIn = (files: string[]): Set<string> => {
    const found = new Set<string>();
    for (const file of files) {
      const text = read(file);
      for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)|env\[\s*'([A-Z][A-Z0-9_]*)'|required\((?:\w+,\s*)?'([A-Z][A-Z0-9_]*)'\)/g)) {
        found.add((m[1] ?? m[2] ?? m[3])!);
      }
      // Coordination reaches each agency that keeps case records by `<NAME>_INTERNAL_URL`, named from the registry.
      if (/\benv\[internalUrlVariable\(/.test(text)) for (const name of handoverSubgraphs) found.add(internalUrlVariable(name));
    }
    for (const v of [...launcherOnly, ...tracingEnvironment]) found.delete(v);
    return found;
  };
  const shared = sourceFiles('shared/src');
  /** Runs in every subgraph process. */
  const subgraphRuntime = shared.filter((f) => f.startsWith('shared/src/subgraph/'));
  /** Runs in every process, the gateway's included: the logger and shutdown. */
  const everyProcess = shared.filter((f) => /^shared\/src\/(observability|process)\//.test(f));
  /** The rest of shared/: runs where a service uses it, so its variables belong to some service's list. */
  const library = shared.filter((f) => !subgraphRuntime.includes(f) && !everyProcess.includes(f));
  const gatewayCode = sourceFiles('gateway/src');
  const ownLists = subgraphNames.flatMap((name) => subgraphOwnEnvironment[name] ?? []);

  /** Every variable readGatewayConfig touches, in local and production mode. */
  function readByGatewayConfig(): Set<string> {
    const seen = new Set<string>();
    const audit = { AUDIT_WRITER_URL: 'postgres://writer@db/audit' };
    const issuer = { ...audit, OIDC_ISSUER: 'https://idp.example', OIDC_AUDIENCE: 'hub' };
    for (const base of [audit, issuer, { ...issuer, HUB_MODE: 'production' }]) {
      const tracked = new Proxy<NodeJS.ProcessEnv>(base, {
        get: (target, key) => {
          if (typeof key === 'string') seen.add(key);
          return typeof key === 'string' ? target[key] : undefined;
        },
      });
      readGatewayConfig(tracked);
    }
    for (const name of subgraphNames) seen.delete(serviceUrlVariable(name as SubgraphName));
    return seen;
  }

  it('list every variable the subgraph runtime reads', () => {
    const reads = [...variablesIn([...subgraphRuntime, ...everyProcess])];
    expect(reads.filter((v) => !(subgraphEnvironment as readonly string[]).includes(v))).toEqual([]);
  });

  it.each([...subgraphNames])('list every variable subgraph %s reads of its own', (name) => {
    const own = [...variablesIn(sourceFiles(`subgraphs/${name}/src`))].filter((v) => !(subgraphEnvironment as readonly string[]).includes(v));
    expect(own.filter((v) => !subgraphOwnEnvironment[name]?.includes(v))).toEqual([]);
  });

  it('list every variable the gateway reads', () => {
    const reads = [...variablesIn([...gatewayCode, ...everyProcess]), ...readByGatewayConfig()];
    expect(reads.filter((v) => !(gatewayEnvironment as readonly string[]).includes(v))).toEqual([]);
  });

  it('list, for some service, every variable the rest of shared/ reads', () => {
    const listed = new Set<string>([...subgraphEnvironment, ...gatewayEnvironment, ...ownLists]);
    expect([...variablesIn(library)].filter((v) => !listed.has(v))).toEqual([]);
  });

  it('list no variable that no code reads', () => {
    const subgraphSide = variablesIn([...subgraphRuntime, ...everyProcess, ...library, ...subgraphNames.flatMap((n) => sourceFiles(`subgraphs/${n}/src`))]);
    const gatewaySide = new Set([...variablesIn([...gatewayCode, ...everyProcess, ...library]), ...readByGatewayConfig()]);
    expect([...subgraphEnvironment, ...ownLists].filter((v) => !subgraphSide.has(v))).toEqual([]);
    expect(gatewayEnvironment.filter((v) => !gatewaySide.has(v))).toEqual([]);
  });

  it('finds the services\' source files to scan', () => {
    expect(subgraphRuntime).toContain('shared/src/subgraph/run-subgraph.ts');
    expect(gatewayCode).toContain('gateway/src/config.ts');
  });
});
