import type { Server } from 'node:http';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * How long every hub server (gateway, subgraphs, witness) keeps an idle keep-alive socket: far longer than any
 * hub client keeps one (`CLIENT_KEEP_ALIVE_MS`). A server that closed first would race a client sending its
 * next request on that socket, and that request would fail with "other side closed" (ECONNRESET). Node's
 * default is 5 s.
 */
export const KEEP_ALIVE_MS = 65_000;

/**
 * How long a hub client keeps an idle socket, whatever the server announces. undici otherwise keeps a socket
 * for the server's `Keep-Alive: timeout=65` less 1 s (Node's own fetch) or 2 s, on timers of 1 s resolution
 * that fire late when the event loop is busy: a POST sent on such a socket as the server closed it failed
 * (undici resends no POST), and a consent look-up that failed so refused fields with FORBIDDEN in CI.
 */
export const CLIENT_KEEP_ALIVE_MS = 4_000;

/** Gives `server` the hub's keep-alive timeouts (headers timeout above it, as Node requires). */
export function keepSocketsAlive(server: Server): Server {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}

export interface ServiceAgentTimeouts {
  connectMs?: number;
  /** Until the response's headers, and between two chunks of its body. */
  responseMs?: number;
}

/** An HTTP client pool for calls between hub services: idle sockets closed after `CLIENT_KEEP_ALIVE_MS`. */
export function serviceAgent({ connectMs = 5_000, responseMs = 15_000 }: ServiceAgentTimeouts = {}): Agent {
  return new Agent({
    keepAliveTimeout: CLIENT_KEEP_ALIVE_MS,
    keepAliveMaxTimeout: CLIENT_KEEP_ALIVE_MS,
    connect: { timeout: connectMs },
    headersTimeout: responseMs,
    bodyTimeout: responseMs,
  });
}

const defaultAgent = serviceAgent();

export interface ServiceRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The whole call, answer included; past it the call fails with a TimeoutError. */
  timeoutMs: number;
}

/** `fetch` for calls between hub services, through `agent` (one shared pool unless given). */
export async function serviceFetch(url: string, init: ServiceRequestInit, agent: Agent = defaultAgent): Promise<Response> {
  return (await undiciFetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    dispatcher: agent,
    signal: AbortSignal.timeout(init.timeoutMs),
  })) as unknown as Response;
}
