import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  type AuditWriter,
  type HubCaller,
  HubError,
  type Logger,
  type ServiceKeys,
  keepSocketsAlive,
  sendError,
  signHubAssertion,
} from '@hub/shared';
import { type StaffIdentity, createAuthenticator } from '../auth/authenticate';
import { LocalIssuer } from '../auth/local-issuer';
import type { GatewayConfig } from '../config';
import { createSubgraphFetch } from '../datasources/subgraph-fetcher';
import { formatGatewayError } from '../errors/format-gateway-error';
import { documentHash } from '../plugins/operation-log';
import { readPurpose } from '../request/purpose';
import { type HivePlugin, createGatewayRuntime, httpTransport } from './hive-runtime';

type HubRequest = Request & { requestId?: string; startedAt?: number; caller?: HubCaller };

/** Where Hive (graphql-yoga) keeps the HTTP status of an error it raised. */
type HttpExtensions = { extensions?: { http?: { status?: unknown } } };

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
}

/** What a subgraph answers when it cannot be reached: its part of the answer is missing, with a code. */
const unavailable = (subgraph: string): globalThis.Response =>
  new globalThis.Response(
    JSON.stringify({
      errors: [{ message: `The ${subgraph} service did not answer; its part of this answer is missing`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: subgraph } }],
    }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );

/**
 * Whether `error` is GraphQL's own refusal of the request before anything ran (no `data` at all): an error that
 * graphql-js raised itself, with no code and nothing thrown beneath it — e.g. a subscription, which the supergraph
 * has none of. The Apollo gateway answers those as the client's mistake; Hive leaves them without a code, which
 * the formatter would treat as unexpected ("Internal error").
 */
const refusedRequest = (result: object, error: unknown): boolean =>
  !('data' in result) && error instanceof GraphQLError && !error.originalError && error.extensions.code === undefined;

/**
 * The hub behind a second gateway: Hive Gateway (The Guild, MIT) on the same committed supergraph, in front of
 * the same subgraphs. It authenticates the caller and the purpose with the Apollo gateway's own code
 * (`auth/authenticate`, `request/purpose`) and sends every subgraph call the same signed hub assertion — for that
 * subgraph, bound to the exact body — so the subgraphs, which enforce everything, see no difference.
 *
 * Deliberately absent (the Apollo gateway has them): trusted documents, request and rate limits, the console,
 * the national report and the aggregate record of anonymous refusals. Its point is to show that the gateway
 * is replaceable because no decision about data is taken in it.
 */
export async function createHiveGateway(config: GatewayConfig, deps: { keys: ServiceKeys; audit: AuditWriter; log: Logger }) {
  const localIssuer = config.oidc ? null : await LocalIssuer.open(config.dataDir);
  const authenticate = createAuthenticator(config, localIssuer);
  const subgraphFetch = createSubgraphFetch(config.subgraphTimeoutMs);
  const subgraphOf = new Map(Object.entries(config.subgraphUrls).map(([name, url]) => [url, name]));
  const formatError = formatGatewayError();
  const bodies = new WeakMap<object, GraphQLBody>();

  const hubPlugin: HivePlugin = {
    onParams({ params, request }) {
      bodies.set(request, params as GraphQLBody);
    },
    // Every subgraph call: a fresh assertion for that subgraph, bound to the exact body, and nothing of the
    // client's request (no token, no header) — exactly what HubAssertionDataSource sends.
    async onFetch({ url, options, setOptions, setFetchFn, context }) {
      const subgraph = subgraphOf.get(url);
      const caller = (context as { req?: HubRequest }).req?.caller;
      const body = typeof options.body === 'string' ? options.body : '';
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      // No known subgraph or no caller (nothing else fetches here): no assertion, and the subgraph refuses.
      if (subgraph && caller) {
        headers.authorization = `Bearer ${await signHubAssertion(deps.keys, subgraph, caller, body)}`;
        headers['x-request-id'] = caller.requestId;
      }
      setOptions({ method: 'POST', headers, body, signal: options.signal });
      setFetchFn(async (target, init) => {
        try {
          return await subgraphFetch(target, { method: init.method, headers: init.headers, body: init.body });
        } catch (error) {
          deps.log.warn({ subgraph, requestId: caller?.requestId, reason: String((error as { cause?: { code?: unknown } }).cause?.code ?? (error as Error).name) }, 'subgraph unavailable');
          return unavailable(subgraph ?? 'unknown');
        }
      });
    },
    // Before the answer leaves: the operation record, then every error reduced to the hub's closed set of
    // codes by the Apollo gateway's own formatter. Without a record, no data.
    async onResultProcess({ request, result, setResult, serverContext }) {
      const req = (serverContext as { req?: HubRequest }).req;
      const caller = req?.caller;
      if (Array.isArray(result) || !caller || typeof result !== 'object' || result === null || !('errors' in result || 'data' in result)) {
        setResult({ errors: [{ message: 'Only single queries and mutations are answered', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      const single = result as { data?: unknown; errors?: readonly unknown[]; extensions?: unknown };
      const errors: GraphQLFormattedError[] = (single.errors ?? []).map((e) => {
        const formatted = typeof (e as { toJSON?: unknown }).toJSON === 'function' ? (e as { toJSON: () => GraphQLFormattedError }).toJSON() : (e as GraphQLFormattedError);
        return formatError(refusedRequest(single, e) ? { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } } : formatted, e);
      });
      const params = bodies.get(request) ?? {};
      const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')))];
      let answer: { data?: unknown; errors?: GraphQLFormattedError[] } = {
        ...('data' in single ? { data: single.data } : {}),
        ...(errors.length > 0 ? { errors } : {}),
      };
      try {
        await deps.audit.writeOperation({
          requestId: caller.requestId,
          caller,
          operationName: typeof params.operationName === 'string' ? params.operationName : null,
          documentHash: documentHash(typeof params.query === 'string' ? params.query : undefined),
          outcome: codes.length === 0 ? 'OK' : `ERRORS:${codes.join(',')}`,
          durationMs: performance.now() - (req.startedAt ?? performance.now()),
        });
      } catch (error) {
        deps.log.error({ err: error, requestId: caller.requestId }, 'operation record could not be written: answer withheld');
        answer = { data: null, errors: [{ message: 'The access log could not be written, so no data was returned', extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
      }
      // The HTTP status Hive gave the request (400 for a body or document it refused), kept: Hive takes formatted
      // errors for unexpected ones and would answer 500. `extensions.http` never reaches the client.
      const status = Math.max(0, ...(single.errors ?? []).map((e) => Number((e as HttpExtensions).extensions?.http?.status) || 0));
      setResult({ ...answer, extensions: { http: { status: status || 200 } } });
    },
  };

  const runtime = createGatewayRuntime({
    supergraph: readFileSync(config.supergraphPath, 'utf8'),
    transports: { http: httpTransport },
    // Where each subgraph is, as for the Apollo gateway; never deduplicate subgraph calls: two callers' identical
    // subgraph requests are two decisions (the assertion, and so the caller, is added after Hive would merge them).
    transportEntries: {
      '*.http': { options: { deduplicateInflightRequests: false } },
      ...Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, url]) => [name, { location: url }])),
    },
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    batching: false,
    logging: 'warn',
    plugins: () => [hubPlugin],
  });

  const app = express();
  const httpServer = keepSocketsAlive(createServer(app));
  app.disable('x-powered-by');
  app.use((req: HubRequest, res: Response, next: NextFunction) => {
    req.requestId = randomUUID();
    req.startedAt = performance.now();
    res.setHeader('x-request-id', req.requestId);
    next();
  });
  app.get(['/livez', '/health'], (_req, res) => {
    res.json({ status: 'ok', service: 'hive-gateway' });
  });
  // Fail closed: no valid token, no purpose → a coded refusal, and no subgraph is called.
  const authenticateRequest = async (req: HubRequest, res: Response, next: NextFunction): Promise<void> => {
    let staff: StaffIdentity;
    try {
      staff = await authenticate(req.headers.authorization);
    } catch (error) {
      const hubError = error instanceof HubError ? error : new HubError('UNAUTHENTICATED', 'Authentication failed');
      return sendError(res, 401, hubError.code, hubError.message);
    }
    try {
      const { purpose, justification } = readPurpose(req.headers);
      req.caller = { ...staff, purpose, justification, requestId: req.requestId!, via: 'gateway' };
    } catch (error) {
      const hubError = error instanceof HubError ? error : new HubError('PURPOSE_REQUIRED', 'State the purpose of use in x-purpose');
      try {
        await deps.audit.writeOperation({
          requestId: req.requestId!,
          caller: staff,
          operationName: null,
          documentHash: null,
          outcome: `REFUSED:${hubError.code}`,
          durationMs: 0,
        });
      } catch (writeError) {
        deps.log.error({ err: writeError, requestId: req.requestId }, 'operation record of a refused request could not be written');
      }
      return sendError(res, 400, hubError.code, hubError.message);
    }
    next();
  };
  // Only /graphql reaches Hive, and only through the authentication above (Hive sees the path unmounted).
  // A body that is not JSON is refused here with a code (Hive would answer 415 with no body at all).
  const jsonOnly = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && !req.is(['application/json', 'application/graphql-response+json'])) {
      return sendError(res, 415, 'BAD_USER_INPUT', 'Send the request body as application/json');
    }
    next();
  };
  app.use('/graphql', authenticateRequest, jsonOnly, (req: Request, res: Response) => {
    req.url = '/graphql';
    // Hive answers with the x-request-id of the request (or one of its own): make it the hub's, the access log's.
    req.headers['x-request-id'] = (req as HubRequest).requestId;
    void runtime.requestListener(req, res);
  });
  app.use((_req: Request, res: Response) => sendError(res, 404, 'NOT_FOUND', 'There is nothing at this address'));

  return {
    localIssuer,
    async listen(port: number, host: string): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const bound = httpServer.address();
      const actualPort = typeof bound === 'object' && bound ? bound.port : port;
      return {
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}/graphql`,
        port: actualPort,
        stop: async () => {
          await new Promise<void>((resolve) => httpServer.close(() => resolve()));
          await runtime.dispose();
        },
      };
    },
  };
}
