import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { type AuditWriter, type HubCaller, HubError, type Logger, type ServiceKeys, errorCodes } from '@hub/shared';
import { type Authenticate, type StaffIdentity, createAuthenticator } from './auth/authenticate';
import { LocalIssuer } from './auth/local-issuer';
import type { GatewayConfig } from './config';
import { mountConsole } from './console/console-routes';
import { type GatewayContext, HubAssertionDataSource } from './datasources/hub-assertion-data-source';
import { documentHash, operationLogPlugin } from './plugins/operation-log';
import { requestLimitProtection, requestLimits } from './plugins/request-limits';
import { trustedDocumentsPlugin } from './plugins/trusted-documents';
import { readPurpose } from './request/purpose';
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
function formatGatewayError(log: Logger) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (code in errorCodes || code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST')) {
      return formatted;
    }
    if (/Token limit/i.test(formatted.message)) {
      return { message: formatted.message, extensions: { code: 'MAX_TOKENS_EXCEEDED' } };
    }
    log.error({ error: formatted }, 'unexpected error');
    return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * The hub's gateway: authenticates the caller, requires a purpose, applies request limits, and plans each
 * operation over the committed supergraph, sending every subgraph an assertion it signs itself.
 * Builds everything without I/O; `listen` starts it.
 */
export async function createGateway(config: GatewayConfig, deps: { keys: ServiceKeys; audit: AuditWriter; log: Logger }) {
  const localIssuer = config.oidc ? null : await LocalIssuer.open(config.dataDir);
  const authenticate: Authenticate = createAuthenticator(config, localIssuer);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name }) =>
      new HubAssertionDataSource(name, config.subgraphUrls[name as keyof typeof config.subgraphUrls], deps.keys),
  });
  const production = config.mode === 'production';
  const limits = requestLimitProtection(production);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      trustedDocumentsPlugin(TrustedDocuments.load(config.trustedDocuments.manifestPath), config.trustedDocuments),
      ...(limits.plugins as never[]), ApolloServerPluginLandingPageDisabled(), operationLogPlugin(deps.audit, deps.log)],
    formatError: formatGatewayError(deps.log),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use((req: HubRequest, res: Response, next: NextFunction) => {
    req.requestId = randomUUID();
    res.setHeader('x-request-id', req.requestId);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
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

  let httpServer: Server | undefined;
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
      httpServer = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(port, host, () => resolve(s));
        s.once('error', reject);
      });
      const address = httpServer.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return {
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}/graphql`,
        port: actualPort,
        stop: async () => {
          await server.stop();
          await new Promise<void>((resolve) => httpServer?.close(() => resolve()) ?? resolve());
        },
      };
    },
  };
}
