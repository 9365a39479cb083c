import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../agency-kit/outbox-relay';
import { type SupportEventSink, directSink, noSink, outboxSink } from '../agency-kit/support-event-sink';
import { accessLogPlugin } from '../audit/access-log-plugin';
import type { AuditWriter } from '../audit/audit-writer';
import type { HubCaller } from '../auth/hub-caller';
import { verifyHubAssertion } from '../auth/hub-assertion';
import type { ServiceKeys } from '../auth/service-keys';
import { subgraphNames } from '../config/services';
import { errorCodes } from '../errors/error-codes';
import { HubError } from '../errors/hub-error';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { AccessController } from '../policy/access-controller';
import { enforceCategories } from '../policy/enforce-categories';
import { buildHubSubgraphSchema } from '../schema/build-subgraph-schema';
import { CoordinationClient } from './coordination-client';
import { RequestLoaders } from './request-loaders';
import { RequestScopedFacts } from './request-scoped-facts';
import type { SubgraphContext } from './subgraph-context';
import type { SubgraphDefinition } from './subgraph-definition';

export interface SubgraphDeps {
  dataSource: DataSource;
  audit: AuditWriter;
  keys: ServiceKeys;
  coordinationUrl: string;
  metrics: Metrics;
  log: Logger;
  now?: () => Date;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Only the gateway speaks GraphQL to a subgraph. */
const GRAPHQL_ISSUERS = ['gateway'] as const;
/** Subgraphs speak to coordination's internal routes. */
export const INTERNAL_ISSUERS = subgraphNames.filter((n) => n !== 'coordination');

type AuthenticatedRequest = Request & { caller?: HubCaller };

const bearer = (req: Request): string | undefined => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
};

/** Refuses, before anything else runs, a request without a valid hub assertion from one of `issuers`. */
export function requireAssertion(keys: ServiceKeys, issuers: readonly string[]) {
  return async (req: AuthenticatedRequest, res: Response, next: NextFunction): Promise<void> => {
    try {
      req.caller = await verifyHubAssertion(keys, bearer(req), issuers);
      next();
    } catch (error) {
      const message = error instanceof HubError ? error.message : 'Invalid hub assertion';
      res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  };
}

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

const flatten = (failures: ValidationFailure[], prefix = ''): { field: string; problems: string[] }[] =>
  failures.flatMap((f) => [
    ...(f.constraints ? [{ field: `${prefix}${f.property}`, problems: Object.values(f.constraints) }] : []),
    ...flatten(f.children ?? [], `${prefix}${f.property}.`),
  ]);

/**
 * Errors as clients see them. Input validation names the fields and rules without echoing the values sent
 * (they may be personal). Unexpected errors (SQL, bugs) never reach the client with their text.
 */
export function maskUnexpectedError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const validationErrors = formatted.extensions?.validationErrors as ValidationFailure[] | undefined;
    if (code === 'BAD_USER_INPUT' && Array.isArray(validationErrors)) {
      const problems = flatten(validationErrors);
      return {
        message: `Invalid input: ${problems.map((p) => `${p.field}: ${p.problems.join('; ')}`).join(' | ')}`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code, field: problems[0]?.field, fields: problems.map((p) => p.field) },
      };
    }
    if (typeof code === 'string' && (code in errorCodes || code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST')) {
      return formatted;
    }
    log.error({ err: error, path: formatted.path }, 'unexpected error');
    return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Builds (no I/O until `listen`) an agency's subgraph: schema, enforcement, HTTP routes. */
export async function createSubgraph(definition: SubgraphDefinition, deps: SubgraphDeps) {
  const { schema, sdl } = await buildHubSubgraphSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    referenceResolvers: definition.referenceResolvers,
  });
  const categorisedFields = enforceCategories(schema);
  // No inline traces: timings per field would tell a caller more than the policy lets the data tell.
  const plugins: ApolloServerPlugin<SubgraphContext>[] = [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    accessLogPlugin(deps.audit, deps.metrics, deps.log),
  ];
  const server = new ApolloServer<SubgraphContext>({
    schema,
    plugins,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedError(deps.log),
  });

  // Other subgraphs learn consents from coordination: one look-up per gateway request, however many
  // calls the gateway makes to this subgraph for it.
  const remoteFacts = new RequestScopedFacts((caller) => (ids) =>
    new CoordinationClient(deps.coordinationUrl, deps.keys, caller).victimFacts(ids),
  );
  const relay =
    definition.supportEvents === 'outbox'
      ? new OutboxRelay({ dataSource: deps.dataSource, keys: deps.keys, coordinationUrl: deps.coordinationUrl, log: deps.log, metrics: deps.metrics })
      : undefined;
  const supportEvents: SupportEventSink = relay
    ? outboxSink(relay)
    : typeof definition.supportEvents === 'function'
      ? directSink(definition.supportEvents)
      : noSink;
  const context = async ({ req }: { req: AuthenticatedRequest }): Promise<SubgraphContext> => {
    const caller = req.caller;
    if (!caller) throw new HubError('UNAUTHENTICATED', 'A hub assertion is required');
    const loaders = new RequestLoaders();
    const coordination = new CoordinationClient(deps.coordinationUrl, deps.keys, caller);
    const facts = definition.localVictimFacts
      ? loaders.get('victimAccessFacts', definition.localVictimFacts(deps.dataSource))
      : remoteFacts.forRequest(caller);
    const now = deps.now?.() ?? new Date();
    return {
      caller,
      access: new AccessController(caller, (id) => facts.load(id), now),
      loaders,
      dataSource: deps.dataSource,
      keys: deps.keys,
      coordination,
      audit: deps.audit,
      supportEvents,
      log: deps.log.child({ requestId: caller.requestId }),
      now,
    };
  };

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: definition.name });
  });
  app.get('/metrics', (_req, res) => {
    res.type('text/plain').send(deps.metrics.render());
  });
  if (definition.internalRoutes) {
    const router = express.Router();
    router.use(requireAssertion(deps.keys, INTERNAL_ISSUERS), express.json({ limit: '1mb' }));
    definition.internalRoutes(router, deps);
    app.use('/internal', router);
  }

  let httpServer: Server | undefined;
  return {
    schema,
    sdl,
    categorisedFields,
    async listen(port: number, host = '127.0.0.1'): Promise<RunningSubgraph> {
      await server.start();
      app.use(
        '/graphql',
        (_req, _res, next) => {
          deps.metrics.increment('hub_graphql_requests_total');
          next();
        },
        requireAssertion(deps.keys, GRAPHQL_ISSUERS),
        (_req, _res, next) => {
          deps.metrics.increment('hub_graphql_requests_authenticated_total');
          next();
        },
        express.json({ limit: '1mb' }),
        expressMiddleware(server, { context }),
      );
      const listening = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(port, host, () => resolve(s));
        s.once('error', reject);
      });
      httpServer = listening;
      relay?.start();
      const address = listening.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return {
        url: `http://${host}:${actualPort}/graphql`,
        port: actualPort,
        stop: async () => {
          await relay?.stop();
          await server.stop();
          await new Promise<void>((resolve) => httpServer?.close(() => resolve()) ?? resolve());
        },
      };
    },
  };
}
