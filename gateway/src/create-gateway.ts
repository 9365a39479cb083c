import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  type AuditWriter,
  type HubCaller,
  HubError,
  type Logger,
  type Metrics,
  type ReadinessChecks,
  type ServiceKeys,
  jsonFallbacks,
  keepSocketsAlive,
  noteOutcome,
  operationalRoutes,
  requestLog,
  requestObservabilityPlugin,
  sendError,
} from '@hub/shared';
import { type Authenticate, type StaffIdentity, createAuthenticator } from './auth/authenticate';
import { LocalIssuer } from './auth/local-issuer';
import type { GatewayConfig } from './config';
import { mountConsole } from './console/console-routes';
import { type GatewayContext, HubAssertionDataSource } from './datasources/hub-assertion-data-source';
import { createSubgraphFetch } from './datasources/subgraph-fetcher';
import { withSubgraphRequestMetrics } from './datasources/subgraph-request-metrics';
import { currentRequestId, formatGatewayError } from './errors/format-gateway-error';
import { documentHash, operationLogPlugin } from './plugins/operation-log';
import { requestLimitProtection, requestLimits } from './plugins/request-limits';
import { clientErrorStatusPlugin, queriesAndMutationsOnly } from './plugins/client-errors';
import { AnonymousRefusals } from './request/anonymous-refusals';
import { trustedDocumentsPlugin } from './plugins/trusted-documents';
import { readPurpose } from './request/purpose';
import { mountReportRoute } from './report/report-routes';
import { RateLimits } from './request/rate-limits';
import { TrustedDocuments } from './trusted-documents/trusted-documents';

type HubRequest = Request & { requestId?: string; staff?: StaffIdentity; caller?: HubCaller };

/** Refuses a request before any subgraph is called, and records the refusal as an operation. */
async function refuse(
  audit: AuditWriter,
  log: Logger,
  req: HubRequest,
  res: Response,
  status: number,
  error: HubError,
): Promise<void> {
  const body = req.body as { query?: unknown; operationName?: unknown } | undefined;
  noteOutcome(req, { operationName: typeof body?.operationName === 'string' ? body.operationName : null, outcome: 'REFUSED', codes: [error.code] });
  try {
    await audit.writeOperation({
      requestId: req.requestId!,
      caller: req.caller ?? req.staff ?? {},
      operationName: typeof body?.operationName === 'string' ? body.operationName : null,
      documentHash: documentHash(typeof body?.query === 'string' ? body.query : undefined),
      outcome: `REFUSED:${error.code}`,
      durationMs: 0,
    });
  } catch (writeError) {
    log.error({ err: writeError, requestId: req.requestId }, 'operation record of a refused request could not be written');
  }
  sendError(res, status, error.code, error.message);
}

/**
 * The hub's gateway: authenticates the caller, requires a purpose, applies rate and request limits, and plans
 * each operation over the committed supergraph, sending every subgraph an assertion it signs itself.
 * Builds everything without I/O; `listen` starts it.
 */
export async function createGateway(
  config: GatewayConfig,
  deps: { keys: ServiceKeys; audit: AuditWriter; log: Logger; metrics: Metrics; checks: ReadinessChecks },
) {
  const localIssuer = config.oidc ? null : await LocalIssuer.open(config.dataDir);
  const authenticate: Authenticate = createAuthenticator(config, localIssuer);
  const subgraphFetch = createSubgraphFetch(config.subgraphTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name }) =>
      withSubgraphRequestMetrics(
        new HubAssertionDataSource(name, config.subgraphUrls[name as keyof typeof config.subgraphUrls], deps.keys, deps.log, subgraphFetch),
        name,
        deps.metrics,
      ),
  });
  const app = express();
  const httpServer = keepSocketsAlive(createServer(app));
  const state = { draining: false };
  const production = config.mode === 'production';
  const limits = requestLimitProtection(production);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    validationRules: [...limits.validationRules, queriesAndMutationsOnly],
    parseOptions: limits.parseOptions,
    plugins: [
      trustedDocumentsPlugin(TrustedDocuments.load(config.trustedDocuments.manifestPath), config.trustedDocuments),
      ...(limits.plugins as never[]),
      ApolloServerPluginLandingPageDisabled(),
      clientErrorStatusPlugin as never,
      operationLogPlugin(deps.audit, deps.log),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestObservabilityPlugin(deps.metrics, deps.log),
    ],
    formatError: formatGatewayError(),
  });
  const rateLimits = new RateLimits(config.rateLimits);
  const anonymousRefusals = new AnonymousRefusals(deps.audit, deps.log);

  app.disable('x-powered-by');
  app.use((req: HubRequest, res: Response, next: NextFunction) => {
    req.requestId = randomUUID();
    res.setHeader('x-request-id', req.requestId);
    currentRequestId.run(req.requestId, next);
  });
  app.use(requestLog(deps.log));
  app.use(operationalRoutes({ service: 'gateway', metrics: deps.metrics, checks: deps.checks, state, log: deps.log }));
  if (localIssuer) {
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.json(localIssuer.jwks);
    });
  }
  mountConsole(app, { oidc: config.oidc, localIssuer });
  const address = (req: Request): string => req.socket.remoteAddress ?? 'unknown';
  const authenticateRequest = async (req: HubRequest, res: Response, next: NextFunction): Promise<void> => {
    let staff: StaffIdentity;
    try {
      staff = await authenticate(req.headers.authorization);
    } catch (error) {
      // Nobody is identified: counted per address, and recorded in aggregate (see AnonymousRefusals).
      const limited = await rateLimits.anonymousAddress(address(req));
      if (limited) {
        anonymousRefusals.count('RATE_LIMITED', address(req));
        noteOutcome(req, { operationName: null, outcome: 'REFUSED', codes: ['RATE_LIMITED'] });
        res.setHeader('retry-after', String(limited.retryAfterSeconds));
        return sendError(res, 429, 'RATE_LIMITED', `Too many requests without a valid token; try again in ${limited.retryAfterSeconds} s`);
      }
      const hubError = error instanceof HubError ? error : new HubError('UNAUTHENTICATED', 'Authentication failed');
      anonymousRefusals.count(hubError.code, address(req));
      noteOutcome(req, { operationName: null, outcome: 'REFUSED', codes: [hubError.code] });
      return sendError(res, 401, hubError.code, hubError.message);
    }
    // Who was refused is recorded even when only the purpose is missing.
    req.staff = staff;
    const limited = await rateLimits.identity(staff.sub);
    if (limited) {
      noteOutcome(req, { operationName: null, outcome: 'REFUSED', codes: ['RATE_LIMITED'] });
      res.setHeader('retry-after', String(limited.retryAfterSeconds));
      return sendError(res, 429, 'RATE_LIMITED', `Too many requests from this identity; try again in ${limited.retryAfterSeconds} s`);
    }
    try {
      const { purpose, justification } = readPurpose(req.headers);
      req.caller = { ...staff, purpose, justification, requestId: req.requestId!, via: 'gateway' };
    } catch (error) {
      const hubError = error instanceof HubError ? error : new HubError('PURPOSE_REQUIRED', 'State the purpose of use in x-purpose');
      return refuse(deps.audit, deps.log, req, res, 400, hubError);
    }
    next();
  };
  const bodyLimit = express.json({ limit: requestLimits.maxBodyBytes });
  const bodyErrors = async (error: { type?: string; status?: number }, req: HubRequest, res: Response, next: NextFunction): Promise<void> => {
    if (error.type === 'entity.too.large') {
      await refuse(deps.audit, deps.log, req, res, 413, new HubError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${requestLimits.maxBodyBytes} bytes`));
    } else if (error.status !== undefined && error.status >= 400 && error.status < 500) {
      await refuse(deps.audit, deps.log, req, res, 400, new HubError('BAD_USER_INPUT', 'The request body could not be read as UTF-8 JSON'));
    } else next(error);
  };
  const fallbacks = jsonFallbacks(deps.log, () => currentRequestId.getStore());

  let ownGraphqlUrl = '';
  return {
    localIssuer,
    async listen(port: number, host: string): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
      await server.start();
      app.use(
        '/graphql',
        authenticateRequest,
        bodyLimit,
        bodyErrors,
        expressMiddleware(server, { context: async ({ req }) => ({ caller: (req as HubRequest).caller! }) }),
      );
      mountReportRoute(app, { authenticate: authenticateRequest, refuse: (req, res, status, error) => refuse(deps.audit, deps.log, req, res, status, error), graphqlUrl: () => ownGraphqlUrl, log: deps.log });
      app.use(fallbacks.notFound);
      app.use(fallbacks.failed);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const bound = httpServer.address();
      const actualPort = typeof bound === 'object' && bound ? bound.port : port;
      ownGraphqlUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host}:${actualPort}/graphql`;
      return {
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}/graphql`,
        port: actualPort,
        stop: async () => {
          state.draining = true;
          await server.stop(); // the drain plugin closes the HTTP server
          await anonymousRefusals.stop();
        },
      };
    },
  };
}
