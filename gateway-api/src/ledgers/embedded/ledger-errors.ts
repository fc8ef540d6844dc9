import { CommitError, EndorseError } from '@citytrust/network';
import { errorCodeOf } from '@citytrust/domain';
import { LedgerRefusal, LedgerUnavailable } from '../hub-ledger';

/** A commit lost to a concurrent transaction: retrying the whole call can succeed. */
export function isCommitConflict(error: unknown): error is CommitError {
  return (
    error instanceof CommitError &&
    (error.validationCode === 'MVCC_READ_CONFLICT' ||
      error.validationCode === 'PHANTOM_READ_CONFLICT')
  );
}

/**
 * The port's error for a failed embedded call: the chaincode's refusal (`CODE: detail` in an
 * endorsement error) keeps its code; anything else is the ledger's failure, not the caller's.
 */
export function toLedgerError(error: unknown, fn: string): LedgerRefusal | LedgerUnavailable {
  if (error instanceof EndorseError && error.reason === 'CHAINCODE_ERROR') {
    const code = errorCodeOf(error.message);
    if (code) {
      const detail = error.message.slice(error.message.indexOf(`${code}: `) + code.length + 2);
      return new LedgerRefusal(code, detail);
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LedgerUnavailable(`embedded ledger failed on ${fn}: ${message}`, { cause: error });
}
