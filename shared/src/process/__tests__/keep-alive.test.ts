import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CLIENT_KEEP_ALIVE_MS, KEEP_ALIVE_MS, keepSocketsAlive, serviceFetch } from '../keep-alive';

/**
 * The race the hub's keep-alive settings prevent: a server closing an idle socket just as a client sends its
 * next request on it. The server announces `Keep-Alive: timeout=65`; the client must close first, by a wide
 * margin, and not keep the socket for the announced time less a second or two.
 */
describe('keep-alive between hub services', () => {
  it('the client closes an idle socket after CLIENT_KEEP_ALIVE_MS, long before the server would', async () => {
    let socket: Socket | undefined;
    const server = keepSocketsAlive(createServer((_req, res) => res.end('ok')));
    server.on('connection', (s: Socket) => (socket = s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await serviceFetch(`http://127.0.0.1:${port}/`, { timeoutMs: 5_000 });
      expect(response.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
      expect(await response.text()).toBe('ok');
      const idleSince = Date.now();
      // 'end': the other side (the client) sent FIN; the server's own timeout would close without it.
      const closedBy = await new Promise<string>((resolve) => {
        socket!.once('end', () => resolve('client'));
        socket!.once('timeout', () => resolve('server'));
      });
      const idleMs = Date.now() - idleSince;
      expect(closedBy).toBe('client');
      expect(idleMs).toBeGreaterThanOrEqual(CLIENT_KEEP_ALIVE_MS - 1_000);
      expect(idleMs).toBeLessThan(CLIENT_KEEP_ALIVE_MS + 2_500);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 15_000);

  it('a call that gets no answer in time fails with a TimeoutError, not a hang', async () => {
    const server = keepSocketsAlive(createServer(() => undefined));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await expect(serviceFetch(`http://127.0.0.1:${port}/`, { timeoutMs: 300 })).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
