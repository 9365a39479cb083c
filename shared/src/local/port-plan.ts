import { createServer } from 'node:net';
import { GATEWAY_DEFAULT_PORT, type ServiceName, WITNESS_DEFAULT_PORT, defaultPorts } from '../config/services';
import { freePort } from './free-port';

/**
 * The ports follow the agency registry's port offsets (shared/src/agencies/agency-registry.ts): `default`: the
 * gateway on 4000, each subgraph on 4000 + its offset, the witness on 4008 and PostgreSQL on 5433; `{ base }`:
 * the same offsets from `base`, PostgreSQL on the port after the highest; `free`: any (tests).
 */
export type PortChoice = 'default' | 'free' | { base: number };
export type PortPlan = Record<ServiceName | 'postgres' | 'witness', number>;

const EMBEDDED_POSTGRES_PORT = 5433;
const order = Object.keys(defaultPorts) as ServiceName[];
const offsets: Record<ServiceName | 'witness', number> = {
  ...(Object.fromEntries(order.map((name) => [name, defaultPorts[name] - GATEWAY_DEFAULT_PORT])) as Record<ServiceName, number>),
  witness: WITNESS_DEFAULT_PORT - GATEWAY_DEFAULT_PORT,
};
/** PostgreSQL's offset in a `{ base }` plan: right after the highest service port. */
export const POSTGRES_PORT_OFFSET = Math.max(...Object.values(offsets)) + 1;

/** Reads `HUB_PORT_BASE`: unset = the default ports. */
export function portChoiceFromEnv(env: NodeJS.ProcessEnv): PortChoice {
  const raw = env.HUB_PORT_BASE;
  if (raw === undefined || raw === '') return 'default';
  const base = Number(raw);
  if (!Number.isInteger(base) || base < 1024 || base + POSTGRES_PORT_OFFSET > 65535) {
    throw new Error(`HUB_PORT_BASE=${raw} is not a port from 1024 to ${65535 - POSTGRES_PORT_OFFSET}`);
  }
  return { base };
}

export async function planPorts(choice: PortChoice): Promise<PortPlan> {
  if (choice === 'free') {
    const entries = await Promise.all([...order, 'postgres' as const, 'witness' as const].map(async (name) => [name, await freePort()] as const));
    return Object.fromEntries(entries) as PortPlan;
  }
  if (choice === 'default') return { ...defaultPorts, postgres: EMBEDDED_POSTGRES_PORT, witness: WITNESS_DEFAULT_PORT };
  return {
    ...(Object.fromEntries(Object.entries(offsets).map(([name, offset]) => [name, choice.base + offset])) as Record<ServiceName | 'witness', number>),
    postgres: choice.base + POSTGRES_PORT_OFFSET,
  };
}

const inUse = (port: number, host: string): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });

/** Fails, before anything starts, when a port of the plan is taken, naming it and how to choose others. */
export async function assertPortsFree(plan: PortPlan, names: readonly (keyof PortPlan)[], host = '127.0.0.1'): Promise<void> {
  for (const name of names) {
    if (await inUse(plan[name], host)) {
      const suggestion = plan.gateway === 5000 ? 6000 : 5000;
      throw new Error(
        `Port ${plan[name]} (${name}) is already in use on ${host}: is another hub (or another program) running? ` +
          `Stop it, or choose other ports, e.g. HUB_PORT_BASE=${suggestion} npm start (gateway on ${suggestion}, the ` +
          `others on ${suggestion + 1}–${suggestion + POSTGRES_PORT_OFFSET}).`,
      );
    }
  }
}
