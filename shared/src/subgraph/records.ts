import { randomBytes } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { conflict } from '../errors/hub-error';

/** A new record id: the record kind's prefix and 12 random hex digits (`inv-3fa1…`). Never derived from a person. */
export const newRecordId = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

/** A concurrent writer got there first and a unique index refused the second row (PostgreSQL 23505). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';

/**
 * Runs a write whose uniqueness the database guards: a concurrent duplicate becomes CONFLICT with `message`,
 * not an internal error.
 */
export async function uniquelyOr<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message);
    throw error;
  }
}
