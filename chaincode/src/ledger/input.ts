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
export const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'must be 1-128 of A-Z a-z 0-9 . _ - and start alphanumeric',
  );

/** A lowercase token such as a category or purpose name. */
export const token = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1-64 of a-z 0-9 - and start alphanumeric');

/** A SHA-256 digest in lowercase hex: hashes and salted references, never plaintext. */
export const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 digest');

export const text = (max: number) => z.string().trim().min(1).max(max);

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** An RFC 3339 instant with an offset, normalized to UTC milliseconds (`...Z`). */
export const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
    'must be an RFC 3339 date-time with offset',
  )
  .refine((value) => {
    const millis = Date.parse(value);
    // Date.parse rolls 31 February over into March; a real date reads back the same day.
    const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [
      number,
      number,
      number,
    ];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    return (
      Number.isFinite(millis) &&
      calendar.getUTCMonth() === month - 1 &&
      calendar.getUTCDate() === day &&
      millis >= EARLIEST &&
      millis < LATEST
    );
  }, 'must be a real date between 1970 and 2200')
  .transform((value) => new Date(value).toISOString());

/**
 * Unified social credit code (GB 32100-2015): 18 characters from the code's alphabet, with a
 * six-digit division code in positions 3-8. The check character is not enforced because
 * the demo consortium's published code does not carry a valid one.
 */
export const creditCode = z
  .string()
  .regex(
    /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    'must be an 18-character unified social credit code',
  );

export function distinct<T>(values: readonly T[]): boolean {
  return new Set(values).size === values.length;
}
