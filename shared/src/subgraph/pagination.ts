import { badInput } from '../errors/hub-error';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Opaque cursors: base64url of the last item's key. */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
export const decodeCursor = (cursor: string): string => {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) throw badInput('after', 'Not a cursor this API gave out');
  return key;
};

/** Validates `first` and returns the page size. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** One page of an ordered list of keys, after the cursor. */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  first: number | null | undefined,
  after: string | null | undefined,
): { page: T[]; hasNextPage: boolean; endCursor: string | null } {
  const size = pageSize(first);
  let start = 0;
  if (after) {
    const key = decodeCursor(after);
    const index = items.findIndex((item) => keyOf(item) === key);
    if (index < 0) throw badInput('after', 'The cursor no longer points into this list');
    start = index + 1;
  }
  const page = items.slice(start, start + size);
  const last = page[page.length - 1];
  return {
    page,
    hasNextPage: start + size < items.length,
    endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
  };
}
