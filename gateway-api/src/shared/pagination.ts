import { Problem } from './problem';

export interface PageQuery {
  readonly limit?: number;
  readonly cursor?: string;
}

export interface PageOf<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * One page of a list ordered by `keyOf`. The cursor is opaque to callers: the key of the last
 * item served, so a page stays right when items are added before it.
 */
export function paginate<T>(
  all: readonly T[],
  keyOf: (item: T) => string,
  query: PageQuery,
): PageOf<T> {
  const limit = query.limit ?? 50;
  let after: string | undefined;
  if (query.cursor !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as {
        after?: unknown;
      };
      if (typeof decoded.after !== 'string') throw new Error('no position');
      after = decoded.after;
    } catch {
      throw new Problem('validation', 'cursor is not one this API gave');
    }
  }
  const sorted = [...all].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const start = after === undefined ? 0 : sorted.findIndex((item) => keyOf(item) > after);
  const items = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  const more = start >= 0 && start + limit < sorted.length;
  return {
    items,
    nextCursor:
      more && last
        ? Buffer.from(JSON.stringify({ after: keyOf(last) })).toString('base64url')
        : null,
  };
}
