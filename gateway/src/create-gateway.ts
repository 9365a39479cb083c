import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import {
  type AuditWriter,
  type HubCaller,
  HubError,
  type Logger,
  type Metrics,
  type ReadinessChecks,
  type ServiceKeys,
  errorCodes,
  noteOutcome,
  operationalRoutes,
  requestLog,
  requestObservabilityPlugin,
} from '@hub/shared';
import { type Authenticate, type StaffIdentity, createAuthenticator } from './auth/authenticate';
import { LocalIssuer } from './auth/local-issuer';
import type { GatewayConfig } from './config';
import { mountConsole } from './console/console-routes';
import { type GatewayContext, HubAssertionDataSource } from './datasources/hub-assertion-data-source';
import { withSubgraphRequestMetrics } from './datasources/subgraph-request-metrics';
import { documentHash, operationLogPlugin } from './plugins/operation-log';
import { requestLimitProtection, requestLimits } from './plugins/request-limits';
import { readPurpose } from './request/purpose';

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
  res.status(status).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
}

/** Error codes a client may see; anything else is masked (its text may hold values). */
function formatGatewayError() {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (code in errorCodes || code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST')) {
      return formatted;
    }
    if (/Token limit/i.test(formatted.message)) {
      return { message: formatted.message, extensions: { code: 'MAX_TOKENS_EXCEEDED' } };
    }
    return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * The hub's gateway: authenticates the caller, requires a purpose, applies request limits, and plans each
 * operation over the committed supergraph, sending every subgraph an assertion it signs itself.
 * Builds everything without I/O; `listen` starts it.
 */
export async function createGateway(
  config: GatewayConfig,
  deps: { keys: ServiceKeys; audit: AuditWriter; log: Logger; metrics: Metrics; checks: ReadinessChecks },
) {
  const localIssuer = config.oidc ? null : await LocalIssuer.open(config.dataDir);
  const authenticate: Authenticate = createAuthenticator(config, localIssuer);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name }) =>
      withSubgraphRequestMetrics(
        new HubAssertionDataSource(name, config.subgraphUrls[name as keyof typeof config.subgraphUrls], deps.keys),
        name,
        deps.metrics,
      ),
  });
  const app = express();
  const httpServer = createServer(app);
  const state = { draining: false };
  const production = config.mode === 'production';
  const limits = requestLimitProtection(production);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [...(limits.plugins as never[]), ApolloServerPluginLandingPageDisabled(), operationLogPlugin(deps.audit, deps.log), ApolloServerPluginDrainHttpServer({ httpServer }), requestObservabilityPlugin(deps.metrics, deps.log)],
    formatError: formatGatewayError(),
  });

  app.disable('x-powered-by');
  app.use((req: HubRequest, res: Response, next: NextFunction) => {
    req.requestId = randomUUID();
    res.setHeader('x-request-id', req.requestId);
    next();
  });
  app.use(requestLog(deps.log));
  app.use(operationalRoutes({ service: 'gateway', metrics: deps.metrics, checks: deps.checks, state, log: deps.log }));
  if (localIssuer) {
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.json(localIssuer.jwks);
    });
  }
  mountConsole(app, { oidc: config.oidc, localIssuer });
  const authenticateRequest = async (req: HubRequest, res: Response, next: NextFunction): Promise<void> => {
    try {
      const staff = await authenticate(req.headers.authorization);
      // Who was refused is recorded even when only the purpose is missing.
      req.staff = staff;
      const { purpose, justification } = readPurpose(req.headers);
      req.caller = { ...staff, purpose, justification, requestId: req.requestId!, via: 'gateway' };
      next();
    } catch (error) {
      const hubError = error instanceof HubError ? error : new HubError('UNAUTHENTICATED', 'Authentication failed');
      await refuse(deps.audit, deps.log, req, res, hubError.code === 'UNAUTHENTICATED' ? 401 : 400, hubError);
    }
  };
  const bodyLimit = express.json({ limit: requestLimits.maxBodyBytes });
  const bodyErrors = async (error: { type?: string }, req: HubRequest, res: Response, next: NextFunction): Promise<void> => {
    if (error.type === 'entity.too.large') {
      await refuse(deps.audit, deps.log, req, res, 413, new HubError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${requestLimits.maxBodyBytes} bytes`));
    } else if (error.type === 'entity.parse.failed') {
      await refuse(deps.audit, deps.log, req, res, 400, new HubError('BAD_USER_INPUT', 'The request body is not valid JSON'));
    } else next(error);
  };

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
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return {
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}/graphql`,
        port: actualPort,
        stop: async () => {
          state.draining = true;
          await server.stop(); // the drain plugin closes the HTTP server
        },
      };
    },
  };
}
