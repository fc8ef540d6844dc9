import { CREDIT_CODE_PATTERN, HASH_PATTERN, ID_PATTERN, TOKEN_PATTERN } from '@citytrust/domain';
import { Type, type TSchema } from '@sinclair/typebox';

/** Shapes every route shares; the ledger checks the same rules again. */
export const Id = Type.String({
  pattern: ID_PATTERN,
  description: 'an identifier: letters, digits, dot, underscore, hyphen; up to 128',
});
export const Token = Type.String({
  pattern: TOKEN_PATTERN,
  description: 'a lowercase token',
});
export const Hash = Type.String({
  pattern: HASH_PATTERN,
  description: 'lowercase hex SHA-256',
});
export const Instant = Type.String({
  format: 'date-time',
  // RFC 3339 as every backend reads it: no leap second, an offset with its minutes.
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:[0-5]\\d(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'RFC 3339, e.g. 2026-01-31T08:00:00Z',
});
export const CreditCode = Type.String({
  pattern: CREDIT_CODE_PATTERN,
  description: 'unified social credit code (18 characters)',
});
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** What every write returns: where it landed on the ledger. */
export const LedgerCoordinates = {
  txId: Type.String(),
  blockNumber: Type.Integer({ minimum: 0 }),
};

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  { additionalProperties: true, $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const ProblemRef = Type.Ref('Problem');

/** The problem answers a route can give, for its OpenAPI entry. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((status) => [status, ProblemRef]));
}

export const Page = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
};

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/**
 * One of these strings, as a JSON Schema `enum` (a union of literals would give `anyOf` of
 * `const`s and an unreadable validation message).
 */
export const StringEnum = <T extends string>(
  values: readonly T[],
  options: { description?: string } = {},
) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
