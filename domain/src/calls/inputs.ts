import { z } from 'zod';
import { parseMemberId } from '../hashing/merkle';
import { isLedgerInstant, isRfc3339, normalizeInstant, RFC3339 } from '../time/ledger-time';
import { CREDIT_CODE, HASH, ID, TOKEN } from '../vocabulary/patterns';

/**
 * How the ledger reads the fields of a call's one JSON argument. The chaincode refuses what
 * these refuse with INVALID_ARGUMENT (`<field>: <message>`), and so does every other backend.
 */

/** Identifiers: safe in URLs and composite keys; `~` is kept for batch member ids. */
export const id = z.string().regex(ID, 'must be 1-128 of A-Z a-z 0-9 . _ - and start alphanumeric');

/** A lowercase token such as a category or purpose name. */
export const token = z.string().regex(TOKEN, 'must be 1-64 of a-z 0-9 - and start alphanumeric');

/** A SHA-256 digest in lowercase hex: hashes and salted references, never plaintext. */
export const hex64 = z.string().regex(HASH, 'must be a lowercase hex SHA-256 digest');

/** Text of at most `max` characters once trimmed, not blank. */
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

/** A certificate: one issued alone, or batch member `<batchId>~<index>`. */
export const certificateId = z.union([
  id,
  z
    .string()
    .min(1)
    .max(140)
    .refine((value) => parseMemberId(value) !== undefined),
]);

/** Whether no value appears twice. */
export function distinct(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

/** The one argument of a call that takes none. */
export const noArguments = z.undefined();
