import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from './errors';

/** The transaction's own time: every endorser computes the same value, unlike the clock. */
export function txTime(ctx: Context): string {
  return ctx.stub.getDateTimestamp().toISOString();
}

/**
 * The transaction time for a change to a record last changed at `lastChange`. Fabric takes
 * the proposal's timestamp from the client unchecked, so a change may never be dated before
 * the one it follows: that keeps each record's history in time order and stops a backdated
 * access from slipping under a revocation, an expiry or a daily count already recorded.
 */
export function changeTime(ctx: Context, lastChange: string): string {
  const now = txTime(ctx);
  if (now < lastChange) {
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      `transaction time ${now} is before the record's last change at ${lastChange}`,
    );
  }
  return now;
}
