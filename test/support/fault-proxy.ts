import { type Server, type Socket, createConnection, createServer } from 'node:net';

/** What the proxy does with connections: pass them on, refuse them (the service is down), or hang (it is stuck). */
export type FaultMode = 'forward' | 'down' | 'hang';

/** A TCP proxy in front of one service, so a test can take that service away and give it back. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>/graphql` — the service's URL through the proxy. */
  url: string;
  set(mode: FaultMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free port in front of `target` (a service URL). `down` closes the listening socket, so
 * callers get ECONNREFUSED, and drops open connections; `hang` accepts connections and never answers.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const { hostname, port: targetPort, pathname } = new URL(target);
  const open = new Set<Socket>();
  let mode: FaultMode = 'forward';
  let server: Server;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        open.add(client);
        client.once('close', () => open.delete(client));
        client.on('error', () => client.destroy());
        if (mode === 'hang') return;
        const upstream = createConnection({ host: hostname, port: Number(targetPort) });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const dropAll = () => {
    for (const socket of open) socket.destroy();
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}${pathname}`,
    async set(next) {
      if (next === mode) return;
      const wasDown = mode === 'down';
      mode = next;
      dropAll();
      if (next === 'down') await stopListening();
      else if (wasDown) await listen();
    },
    async close() {
      dropAll();
      if (mode !== 'down') await stopListening();
    },
  };
}
