import { normalizeInstant, validityWindowProblem } from '@citytrust/domain';
import { Problem } from '../../shared/problem';
import type { ValidityWindow } from './credentials';

/** Now, to the whole second: a default validFrom every backend stores exactly (EVM: seconds). */
export const currentSecond = (): string =>
  new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();

function instant(value: string, name: string): string {
  try {
    return normalizeInstant(value);
  } catch {
    throw new Problem('validation', `${name} must be an RFC 3339 date-time with an offset`);
  }
}

/**
 * The window a credential states and the ledger records, written as the chaincode writes
 * instants (UTC, milliseconds). validFrom defaults to now, since the credential is signed before
 * the transaction that would otherwise choose it. Whether the type allows it for so long, the
 * ledger decides.
 */
export function validityWindow(
  input: { validFrom?: string; validUntil?: string },
  now: string = currentSecond(),
): ValidityWindow {
  const validFrom = input.validFrom === undefined ? now : instant(input.validFrom, 'validFrom');
  const validUntil =
    input.validUntil === undefined ? null : instant(input.validUntil, 'validUntil');
  // Checked here too: a credential is signed before the ledger sees the window, and none is
  // signed for a window that ends before it starts.
  const problem = validityWindowProblem({ validFrom, validUntil });
  if (problem !== null) throw new Problem('validation', problem);
  return { validFrom, validUntil };
}

/** The ledger arguments of a window: validUntil only when there is one. */
export function windowArgs(window: ValidityWindow): { validFrom: string; validUntil?: string } {
  return window.validUntil === null
    ? { validFrom: window.validFrom }
    : { validFrom: window.validFrom, validUntil: window.validUntil };
}
