import type { Server } from 'node:http';

/**
 * How long every hub server (gateway, subgraphs, witness) keeps an idle keep-alive socket: far longer than any
 * client keeps one (undici, the gateway's and Node's fetch, closes its idle sockets after 4 s, or 1–2 s before
 * the `Keep-Alive: timeout` a server announces). A server that closed first would race a client sending its
 * next request on that socket — most of all a client whose event loop was busy when its own idle timer was
 * due — and that request would fail with "other side closed" (ECONNRESET). Node's default is 5 s.
 */
export const KEEP_ALIVE_MS = 65_000;

/** Gives `server` the hub's keep-alive timeouts (headers timeout above it, as Node requires). */
export function keepSocketsAlive(server: Server): Server {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
