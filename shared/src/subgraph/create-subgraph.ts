import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import { type HandoverPartDeps, handoverPartRoute, produceHandoverPart } from '../agency-kit/handover-part';
import { OutboxRelay } from '../agency-kit/outbox-relay';
import { type SupportEventSink, directSink, noSink, outboxSink } from '../agency-kit/support-event-sink';
import { accessLogPlugin } from '../audit/access-log-plugin';
import type { AuditWriter } from '../audit/audit-writer';
import type { HubCaller } from '../auth/hub-caller';
import { AssertionReplayGuard, databaseAssertionIds } from '../auth/assertion-replay-guard';
import { type VerifiedAssertion, requestBodyHash, verifyHubAssertion } from '../auth/hub-assertion';
import type { ServiceKeys } from '../auth/service-keys';
import { handoverSubgraphs, subgraphNames } from '../config/services';
import { errorCodes } from '../errors/error-codes';
import { jsonFallbacks } from '../errors/json-errors';
import { HubError } from '../errors/hub-error';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { type ReadinessChecks, operationalRoutes } from '../observability/operational-routes';
import { requestLog } from '../observability/request-log';
import { requestObservabilityPlugin } from '../observability/request-observability-plugin';
import { noteOutcome } from '../observability/request-outcome';
import { AccessController } from '../policy/access-controller';
import type { VictimAccessFacts } from '../policy/consent';
import { withAgencyKit } from '../agency-kit/rights/with-agency-kit';
import { subgraphAgency } from '../domain/enums';
import { keepSocketsAlive } from '../process/keep-alive';
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
  /** What `/readyz` checks besides draining (run-subgraph.ts: database, audit store, keys). */
  checks?: ReadinessChecks;
  now?: () => Date;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Only the gateway speaks GraphQL to a subgraph. */
const GRAPHQL_ISSUERS = ['gateway'] as const;
/** Subgraphs speak to coordination's internal routes (a definition may name other callers of its own). */
export const INTERNAL_ISSUERS = subgraphNames.filter((n) => n !== 'coordination');

/** Only coordination asks for the parts of a hand-over (docs/architecture.md#cross-border-hand-over). */
const HANDOVER_ISSUERS = ['coordination'] as const;

type AuthenticatedRequest = Request & { caller?: HubCaller; assertion?: VerifiedAssertion; bodyHash?: string };

const bearer = (req: Request): string | undefined => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
};

const refuseAssertion = (res: Response, message: string): void => {
  res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
};

/** Refuses, before anything else runs, a request without a valid hub assertion from one of `issuers`. */
export function requireAssertion(keys: ServiceKeys, issuers: readonly string[]) {
  return async (req: AuthenticatedRequest, res: Response, next: NextFunction): Promise<void> => {
    try {
      req.assertion = await verifyHubAssertion(keys, bearer(req), issuers);
      next();
    } catch (error) {
      noteOutcome(req, { operationName: null, outcome: 'REFUSED', codes: ['UNAUTHENTICATED'] });
      refuseAssertion(res, error instanceof HubError ? error.message : 'Invalid hub assertion');
    }
  };
}

/** Parses a JSON body and keeps the hash of its exact bytes, which the assertion must be bound to. */
export const jsonBodyWithHash = () =>
  express.json({
    limit: '1mb',
    verify: (req, _res, buf) => {
      (req as AuthenticatedRequest).bodyHash = requestBodyHash(buf);
    },
  });

/**
 * After the body is read: the assertion must be bound to exactly this body and used for the first time.
 * A captured assertion replayed — with the same body or another — is refused and counted.
 */
export function bindAssertion(guard: AssertionReplayGuard, metrics: Metrics) {
  return async (req: AuthenticatedRequest, res: Response, next: NextFunction): Promise<void> => {
    const assertion = req.assertion;
    if (!assertion) return refuseAssertion(res, 'A hub assertion is required');
    if (req.bodyHash !== assertion.bodyHash) {
      metrics.increment('hub_assertion_refused_total', { reason: 'body_mismatch' });
      return refuseAssertion(res, 'The hub assertion is bound to another request');
    }
    if (!(await guard.claim(assertion))) {
      metrics.increment('hub_assertion_refused_total', { reason: 'replay' });
      return refuseAssertion(res, 'The hub assertion was already used');
    }
    req.caller = assertion.caller;
    currentRequestId.run(assertion.caller.requestId, next);
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

/** The request id of the request being handled, for log lines written far from the request (error masking). */
const currentRequestId = new AsyncLocalStorage<string>();

/**
 * Errors as clients see them. Input validation names the fields and rules without echoing the values sent
 * (they may be personal). Unexpected errors (SQL, bugs) never reach the client with their text; the request
 * observability plugin logs them with the request id.
 */
export function maskUnexpectedError() {
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
    // INTERNAL_SERVER_ERROR is what Apollo calls every error without a code: never passed on with its text.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (code in errorCodes || code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST')) {
      return formatted;
    }
    // PostgreSQL's data exceptions (class 22: a NUL byte, a number out of range, text it cannot read as the
    // column's type) are the input's fault; say so without the database's words.
    const original = (error as { originalError?: { code?: unknown; driverError?: { code?: unknown } } } | null)?.originalError;
    const sqlState = String(original?.driverError?.code ?? original?.code ?? '');
    if (/^22[0-9A-Z]{3}$/.test(sqlState)) {
      return { message: 'The input holds a value that cannot be stored (for example a NUL character or a number out of range)', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Builds (no I/O until `listen`) an agency's subgraph: schema, enforcement, HTTP routes. */
export async function createSubgraph(declared: SubgraphDefinition, deps: SubgraphDeps) {
  const definition = withAgencyKit(declared);
  const { schema, sdl } = await buildHubSubgraphSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    referenceResolvers: definition.referenceResolvers,
  });
  const categorisedFields = enforceCategories(schema);
  // No inline traces: timings per field would tell a caller more than the policy lets the data tell.
  const app = express();
  const httpServer = createServer(app);
  const state = { draining: false };
  const plugins: ApolloServerPlugin<SubgraphContext>[] = [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    // On stop: no new connections, idle ones closed, requests in flight answered (and logged) first.
    ApolloServerPluginDrainHttpServer({ httpServer }),
    accessLogPlugin(deps.audit, deps.metrics, deps.log),
    requestObservabilityPlugin(deps.metrics, deps.log),
  ];
  const server = new ApolloServer<SubgraphContext>({
    schema,
    plugins,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedError(),
  });

  // Other subgraphs learn consents from coordination: one look-up per gateway request, however many
  // calls the gateway makes to this subgraph for it.
  const remoteFacts = new RequestScopedFacts((caller) => (ids) =>
    deps.metrics.time(deps.metrics.consentLookupDuration, { source: 'remote' }, () =>
      new CoordinationClient(deps.coordinationUrl, deps.keys, caller).victimFacts(ids).catch((error: unknown) => {
        // The fields that needed these facts are refused (fail closed); the cause is for the operator.
        deps.log.error({ err: error, requestId: caller.requestId, victims: ids.length }, 'consent look-up failed');
        throw error;
      }),
    ),
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
  const localFacts = definition.localVictimFacts?.(deps.dataSource);
  const contextFor = (
    caller: HubCaller,
    accessFor?: (facts: (id: string) => Promise<VictimAccessFacts | null>) => AccessController,
  ): SubgraphContext => {
    const loaders = new RequestLoaders();
    const coordination = new CoordinationClient(deps.coordinationUrl, deps.keys, caller);
    const facts = localFacts
      ? loaders.get('victimAccessFacts', (ids: readonly string[]) =>
          deps.metrics.time(deps.metrics.consentLookupDuration, { source: 'local' }, () => localFacts(ids)),
        )
      : remoteFacts.forRequest(caller);
    const now = deps.now?.() ?? new Date();
    const load = (id: string): Promise<VictimAccessFacts | null> => facts.load(id);
    return {
      caller,
      access: accessFor ? accessFor(load) : new AccessController(caller, load, now, subgraphAgency[definition.name]),
      loaders,
      dataSource: deps.dataSource,
      keys: deps.keys,
      coordination,
      audit: deps.audit,
      supportEvents,
      log: deps.log.child({ requestId: caller.requestId }),
      now,
      handoverPart: (request) => produceHandoverPart(handoverDeps, caller, request),
    };
  };
  const handoverDeps: HandoverPartDeps = {
    schema,
    categorisedFields,
    subgraph: definition.name,
    agency: subgraphAgency[definition.name as keyof typeof subgraphAgency],
    audit: deps.audit,
    log: deps.log,
    context: contextFor,
  };
  const context = async ({ req }: { req: AuthenticatedRequest }): Promise<SubgraphContext> => {
    const caller = req.caller;
    if (!caller) throw new HubError('UNAUTHENTICATED', 'A hub assertion is required');
    return contextFor(caller);
  };

  app.disable('x-powered-by');
  app.use(requestLog(deps.log));
  app.use(operationalRoutes({ service: definition.name, metrics: deps.metrics, checks: deps.checks ?? {}, state, log: deps.log }));
  // Replicas of a subgraph share its database, so a replay at another replica is refused too.
  const replayGuard = new AssertionReplayGuard(Date.now, databaseAssertionIds(deps.dataSource));
  // Every agency subgraph that keeps case records produces its part of a cross-border hand-over, for coordination
  // only (coordination produces its own part in process, through `ctx.handoverPart`).
  if ((handoverSubgraphs as readonly string[]).includes(definition.name)) {
    const router = express.Router();
    router.use(requireAssertion(deps.keys, HANDOVER_ISSUERS), jsonBodyWithHash(), bindAssertion(replayGuard, deps.metrics));
    handoverPartRoute(router, handoverDeps);
    app.use('/internal/handover-part', router);
  }
  if (definition.internalRoutes) {
    const router = express.Router();
    router.use(requireAssertion(deps.keys, definition.internalIssuers ?? INTERNAL_ISSUERS), jsonBodyWithHash(), bindAssertion(replayGuard, deps.metrics));
    definition.internalRoutes(router, deps);
    app.use('/internal', router);
  }

  return {
    schema,
    sdl,
    categorisedFields,
    async listen(port: number, host = '127.0.0.1'): Promise<RunningSubgraph> {
      await server.start();
      app.use(
        '/graphql',
        (_req, _res, next) => {
          deps.metrics.graphqlRequests.inc();
          next();
        },
        requireAssertion(deps.keys, GRAPHQL_ISSUERS),
        (_req, _res, next) => {
          deps.metrics.graphqlRequestsAuthenticated.inc();
          next();
        },
        jsonBodyWithHash(),
        bindAssertion(replayGuard, deps.metrics),
        expressMiddleware(server, { context }),
      );
      app.use(jsonFallbacks(deps.log, (req) => req.headers['x-request-id']).failed);
      keepSocketsAlive(httpServer);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      relay?.start();
      const address = httpServer.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return {
        url: `http://${host}:${actualPort}/graphql`,
        port: actualPort,
        stop: async () => {
          state.draining = true;
          await relay?.stop();
          await server.stop(); // the drain plugin closes the HTTP server
        },
      };
    },
  };
}
