import { ledgerSecond } from '@citytrust/domain';
import { Problem } from './problem';

/**
 * Instants as the routes hand them to the ledger: UTC, to the whole
 * second. An EVM chain keeps block time in seconds and its contracts refuse a fraction; the
 * chaincode keeps milliseconds. Cutting the fraction here (towards the past) gives the same
 * answer on every backend, and `Date#toISOString()` values work as they are.
 */
export function toLedgerSecond(instant: string): string {
  const millis = Date.parse(instant);
  if (!Number.isFinite(millis)) throw new Problem('validation', `${instant} is not a time`);
  return ledgerSecond(millis);
}

/** The same object with the named instant fields, where present, cut to the second. */
export function withLedgerSeconds<T extends object>(value: T, fields: ReadonlyArray<keyof T>): T {
  const out = { ...value };
  for (const field of fields) {
    const instant = out[field];
    if (typeof instant === 'string') out[field] = toLedgerSecond(instant) as T[keyof T];
  }
  return out;
}
