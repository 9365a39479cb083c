import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-codes';

/** The one error class resolvers throw for an expected outcome; it sets `extensions.code`. */
export class HubError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'HubError';
  }
}

export const badInput = (field: string, message: string): HubError =>
  new HubError('BAD_USER_INPUT', message, { field });

export const notFound = (what: string, id: string): HubError =>
  new HubError('NOT_FOUND', `${what} ${id} does not exist`, { id });

export const conflict = (message: string): HubError => new HubError('CONFLICT', message);
