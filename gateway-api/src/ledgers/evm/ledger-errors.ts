import { ERROR_CODES as CHAINCODE_ERROR_CODES } from '@citytrust/domain';
import {
  CallInputError,
  codeOf,
  decodeRevert,
  ERROR_CODES,
  hubErrorInterface,
} from '@citytrust/ledger-evm';
import { LedgerRefusal, LedgerUnavailable, type RefusalCode } from '../hub-ledger';

const REFUSAL_CODES: ReadonlySet<string> = new Set<RefusalCode>([
  ...CHAINCODE_ERROR_CODES,
  'BLOCK_TIME',
]);

/** A write asked of an evaluation: the route should have submitted it. */
export class WriteInEvaluation extends Error {}

/**
 * What went wrong in a call, as the port says it: bad input and contract reverts (decoded to the
 * chaincode's codes) are refusals, anything else is the ledger's failure.
 */
export function ledgerError(error: unknown, fn: string): LedgerRefusal | LedgerUnavailable {
  if (error instanceof LedgerRefusal || error instanceof LedgerUnavailable) return error;
  if (error instanceof CallInputError)
    return new LedgerRefusal('INVALID_ARGUMENT', `INVALID_ARGUMENT: ${error.message}`);
  if (error instanceof WriteInEvaluation)
    return new LedgerRefusal('INVALID_ARGUMENT', `${fn} writes to the ledger: submit it`);
  const reverted = decodeRevert(hubErrorInterface(), error);
  if (reverted) {
    const code = codeOf(reverted.name, ERROR_CODES);
    if (REFUSAL_CODES.has(code))
      return new LedgerRefusal(
        code as RefusalCode,
        `${code}: ${reverted.signature} ${reverted.args.map(String).join(', ')}`,
      );
    return new LedgerUnavailable(`${fn}: the contract reverted with ${reverted.signature}`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LedgerUnavailable(`${fn}: ${message}`, { cause: error });
}
