import { type ASTNode, GraphQLError, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import type { ErrorCode } from './error-codes';

/** Where in the answer an error belongs: the field's nodes in the document and its path in the response. */
export interface ErrorLocation {
  nodes?: readonly ASTNode[];
  path?: readonly (string | number)[];
}

/**
 * The one error class resolvers throw for an expected outcome; it sets `extensions.code`. An expected
 * outcome (a denial above all: every refused field makes one) is no bug, so it builds no stack trace,
 * which is most of what constructing an error costs. Every other error (a bug) keeps its stack: only this
 * constructor lowers the limit, for the one call that makes the error, and restores it.
 */
export class HubError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
    location: ErrorLocation = {},
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0; // GraphQLError's constructor cannot throw: restored on the next line
    super(message, { ...location, extensions: { ...extensions, code } });
    Error.stackTraceLimit = limit;
    this.name = 'HubError';
  }
}

/**
 * The error of a refused field, located at the field where it is made. graphql-js passes a located error on
 * as it is; one without a path it copies into a new GraphQLError of its own (`locatedError`), which captures
 * a stack trace — for every refused field. The answer is the same either way: path, locations, message, code.
 */
export const deniedField = (
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'path'>,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): HubError => new HubError(code, message, extensions, { nodes: info.fieldNodes, path: responsePathAsArray(info.path) });

export const badInput = (field: string, message: string): HubError =>
  new HubError('BAD_USER_INPUT', message, { field });

export const notFound = (what: string, id: string): HubError =>
  new HubError('NOT_FOUND', `${what} ${id} does not exist`, { id });

export const conflict = (message: string): HubError => new HubError('CONFLICT', message);
