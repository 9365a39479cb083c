import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-codes';

/**
 * The one error class resolvers throw for an expected outcome; it sets `extensions.code`. An expected
 * outcome (a denial above all: every refused field makes one) is no bug, so it builds no stack trace,
 * which is most of what constructing an error costs.
 */
export class HubError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0; // GraphQLError's constructor cannot throw: restored on the next line
    super(message, { extensions: { ...extensions, code } });
    Error.stackTraceLimit = limit;
    this.name = 'HubError';
  }
}

export const badInput = (field: string, message: string): HubError =>
  new HubError('BAD_USER_INPUT', message, { field });

export const notFound = (what: string, id: string): HubError =>
  new HubError('NOT_FOUND', `${what} ${id} does not exist`, { id });

export const conflict = (message: string): HubError => new HubError('CONFLICT', message);
