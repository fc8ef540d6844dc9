import {
  CREDIT_CODE,
  HASH,
  ID,
  isLedgerInstant,
  isRfc3339,
  normalizeInstant,
  RFC3339,
  TOKEN,
} from '@citytrust/domain';
import { z } from 'zod';
import { ChaincodeError } from './errors';

/** Longest JSON argument accepted; a batch of 100,000 documents is anchored by its root. */
const MAX_REQUEST_BYTES = 64 * 1024;

/** Parses a transaction's JSON argument against its schema; anything else is INVALID_ARGUMENT. */
export function parseRequest<T>(schema: z.ZodType<T>, request: string): T {
  if (typeof request !== 'string' || Buffer.byteLength(request) > MAX_REQUEST_BYTES)
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      `request must be JSON of at most ${MAX_REQUEST_BYTES} bytes`,
    );
  let json: unknown;
  try {
    json = JSON.parse(request);
  } catch {
    throw new ChaincodeError('INVALID_ARGUMENT', 'request is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
    throw new ChaincodeError('INVALID_ARGUMENT', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Identifiers: safe in URLs and composite keys; `~` is kept for batch member ids. */
export const id = z.string().regex(ID, 'must be 1-128 of A-Z a-z 0-9 . _ - and start alphanumeric');

/** A lowercase token such as a category or purpose name. */
export const token = z.string().regex(TOKEN, 'must be 1-64 of a-z 0-9 - and start alphanumeric');

/** A SHA-256 digest in lowercase hex: hashes and salted references, never plaintext. */
export const hex64 = z.string().regex(HASH, 'must be a lowercase hex SHA-256 digest');

export const text = (max: number) => z.string().trim().min(1).max(max);

/** An RFC 3339 instant with an offset, normalized to UTC milliseconds (`...Z`). */
export const instant = z
  .string()
  .regex(RFC3339, 'must be an RFC 3339 date-time with offset')
  .refine(
    (value) => isRfc3339(value) && isLedgerInstant(normalizeInstant(value)),
    'must be a real date between 1970 and 2200',
  )
  .transform(normalizeInstant);

/** Unified social credit code (see `CREDIT_CODE_PATTERN`). */
export const creditCode = z
  .string()
  .regex(CREDIT_CODE, 'must be an 18-character unified social credit code');

export function distinct<T>(values: readonly T[]): boolean {
  return new Set(values).size === values.length;
}
