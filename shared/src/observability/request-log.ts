import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { HubCaller } from '../auth/hub-caller';
import type { Logger } from './logger';
import { outcomeOf } from './request-outcome';

type LoggedRequest = IncomingMessage & {
  originalUrl?: string;
  requestId?: string;
  traceId?: string;
  caller?: Partial<HubCaller>;
  staff?: Partial<HubCaller>;
};

/** Routes that probes and scrapers call every few seconds: not worth a line each. */
const QUIET = /^\/(metrics|livez|readyz|health)(\/|\?|$)/;

const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0] ?? '';

/** The fields of one request line (see README, "Request logs"): identity, purpose, operation, outcome. */
function requestFacts(req: LoggedRequest, res: ServerResponse): Record<string, unknown> {
  const who = req.caller ?? req.staff ?? {};
  const outcome = outcomeOf(req.caller, req);
  const header = req.headers['x-request-id'];
  return {
    requestId: req.caller?.requestId ?? req.requestId ?? (typeof header === 'string' ? header : null),
    traceId: req.traceId ?? null,
    method: req.method,
    path: pathOf(req.originalUrl ?? req.url),
    status: res.statusCode,
    subject: who.sub ?? null,
    agency: who.agency ?? null,
    role: who.role ?? null,
    purpose: who.purpose ?? null,
    via: req.caller?.via ?? null,
    operationName: outcome?.operationName ?? null,
    outcome: outcome?.outcome ?? (res.statusCode < 400 ? 'OK' : 'REFUSED'),
    codes: outcome?.codes ?? [],
  };
}

/**
 * One structured line per HTTP request (pino-http), written when the response has gone: request id, trace
 * id, who (subject, agency, role), purpose, operation name, `responseTime` (ms), outcome and error codes.
 * Headers, the query string, the body and variables are never logged (tokens, justifications, values).
 */
export function requestLog(log: Logger) {
  const middleware = pinoHttp({
    logger: log,
    quietReqLogger: true,
    quietResLogger: true,
    genReqId: (req) => (req as LoggedRequest).requestId ?? '',
    customAttributeKeys: { reqId: 'httpRequestId' },
    // At the start nothing is known yet; the line is written at the end, with everything.
    customProps: (req, res) => (res.headersSent ? requestFacts(req as LoggedRequest, res) : {}),
    serializers: { res: () => undefined, err: (err: Error) => ({ type: err.name, message: err.message }) },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    autoLogging: { ignore: (req) => QUIET.test(req.url ?? '') },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    // The trace of this request, when tracing is on (the HTTP instrumentation's span is active here).
    // Without tracing, a caller's own W3C trace context still ties the line to its trace.
    const span = trace.getActiveSpan();
    const traceparent = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(String(req.headers.traceparent ?? ''));
    (req as LoggedRequest).traceId = span?.spanContext().traceId ?? traceparent?.[1];
    middleware(req, res, next);
  };
}
