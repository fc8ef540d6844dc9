/** The shape of an RFC 3339 date-time with offset (whether its day exists is `isRfc3339`). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** The earliest instant any ledger keeps (inclusive). */
export const EARLIEST_INSTANT = '1970-01-01T00:00:00.000Z';
/** The first instant no ledger keeps: every stored time is before it. */
export const LATEST_INSTANT = '2200-01-01T00:00:00.000Z';

/** Whether `value` is an RFC 3339 date-time with offset naming a day that exists. */
export function isRfc3339(value: unknown): value is string {
  return typeof value === 'string' && isRfc3339Text(value);
}

/** `isRfc3339` for text: not a type guard, so a `false` leaves the caller's string a string. */
function isRfc3339Text(value: string): boolean {
  if (!RFC3339.test(value)) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  // Date.parse rolls 31 February over into March; a real date reads back the same day.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return (
    Number.isFinite(Date.parse(value)) &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day
  );
}

/**
 * An RFC 3339 date-time with offset, written as the ledger stores instants
 * (`Date#toISOString`, UTC milliseconds), so a credential's dates equal its ledger record's and
 * stored instants compare as text. Throws on anything else, including days that do not exist.
 */
export function normalizeInstant(value: string): string {
  if (!isRfc3339Text(value)) throw new RangeError(`not an RFC 3339 date-time: ${value}`);
  return new Date(value).toISOString();
}

/** Whether a normalized instant lies in the range every ledger keeps (1970 to 2200). */
export function isLedgerInstant(normalized: string): boolean {
  return normalized >= EARLIEST_INSTANT && normalized < LATEST_INSTANT;
}

/** The UTC day of a normalized instant (`YYYY-MM-DD`), for daily limits. */
export function utcDay(normalized: string): string {
  return normalized.slice(0, 10);
}

/**
 * The instant cut to its whole second, towards the past. An EVM chain keeps block time in
 * seconds and its contracts refuse a fraction; the chaincode keeps milliseconds: seconds give
 * the same answer on every backend.
 */
export function ledgerSecond(millis: number): string {
  return new Date(millis - (((millis % 1000) + 1000) % 1000)).toISOString();
}
