import { randomBytes } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { conflict } from '@hub/shared';

export const newId = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

/**
 * Runs a write whose uniqueness the database guards (one reflection period per victim, one pending
 * application per type, one open return): a concurrent duplicate becomes CONFLICT, not an internal error.
 */
export async function uniquelyOr<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : undefined;
    if (code === '23505') throw conflict(message);
    throw error;
  }
}
