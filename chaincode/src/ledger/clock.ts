import type { Context } from 'fabric-contract-api';

/** The transaction's own time: every endorser computes the same value, unlike the clock. */
export function txTime(ctx: Context): string {
  return ctx.stub.getDateTimestamp().toISOString();
}

/** The UTC day of an RFC 3339 instant, for daily limits. */
export function utcDay(instant: string): string {
  return instant.slice(0, 10);
}
