import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../observability/logger';
import type { ErrorCode } from './error-codes';

/** One coded error as the gateway answers it outside GraphQL: always JSON, never Express's HTML page. */
export const sendError = (res: Response, status: number, code: ErrorCode, message: string): void => {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** body-parser's error types, by what the client did wrong. */
const bodyErrorMessages: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'charset.unsupported': 'The request body must be UTF-8 JSON',
  'encoding.unsupported': 'The request body uses a content-encoding the hub does not accept (identity, gzip, deflate, br)',
  'request.aborted': 'The request body was not sent completely',
  'request.size.invalid': 'The request body is shorter or longer than its content-length',
  'stream.encoding.set': 'The request body could not be read',
};

/**
 * The last handlers of every service's HTTP app (gateway and subgraphs): an unknown path is NOT_FOUND, a client mistake before GraphQL
 * (an unreadable, wrongly encoded or corrupt body; a malformed URL) is a coded 400, anything else an
 * INTERNAL_SERVER_ERROR whose details go only to the log, with the request id.
 */
export function jsonFallbacks(log: Logger, requestIdOf: (req: Request) => unknown) {
  const notFound = (_req: Request, res: Response): void => sendError(res, 404, 'NOT_FOUND', 'There is nothing at this address');
  const failed = (
    error: { status?: number; statusCode?: number; type?: string },
    req: Request,
    res: Response,
    next: NextFunction,
  ): void => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    if (status === 413) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than allowed');
    if (status >= 400 && status < 500) {
      return sendError(res, 400, 'BAD_USER_INPUT', bodyErrorMessages[error.type ?? ''] ?? 'The request could not be read');
    }
    log.error({ err: error, requestId: requestIdOf(req), path: req.path }, 'unexpected error before GraphQL');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error');
  };
  return { notFound, failed };
}
