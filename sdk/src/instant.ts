const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 date-time with offset, written as the chaincode stores instants
 * (`Date#toISOString`, UTC milliseconds), so a credential's dates equal its ledger record's.
 * Throws on anything else, including calendar dates that do not exist.
 */
export function normalizeInstant(value: string): string {
  if (!isRfc3339(value)) throw new RangeError(`not an RFC 3339 date-time: ${value}`);
  return new Date(value).toISOString();
}

export function isRfc3339(value: unknown): value is string {
  if (typeof value !== 'string' || !RFC3339.test(value)) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  // Date.parse rolls 31 February over into March; a real date reads back the same day.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return (
    Number.isFinite(Date.parse(value)) &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day
  );
}
