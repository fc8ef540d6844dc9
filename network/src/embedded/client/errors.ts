import type { ValidationCode } from '../ledger/block';

/** Base of the errors a gateway call raises; `txId` names the transaction when there is one. */
export class GatewayError extends Error {
  override readonly name: string = 'GatewayError';
  constructor(
    message: string,
    readonly txId?: string,
  ) {
    super(message);
  }
}

/** Why endorsement failed: refused before simulation, or the chaincode returned an error. */
export type EndorseFailure =
  'BAD_PROPOSAL' | 'ACCESS_DENIED' | 'DUPLICATE_TXID' | 'UNKNOWN_CHAINCODE' | 'CHAINCODE_ERROR';

/** The proposal was refused or the chaincode failed; nothing was ordered or written. */
export class EndorseError extends GatewayError {
  override readonly name = 'EndorseError';
  constructor(
    message: string,
    txId: string | undefined,
    readonly reason: EndorseFailure,
    /** The chaincode's response status, for CHAINCODE_ERROR. */
    readonly status?: number,
  ) {
    super(message, txId);
  }
}

/** The transaction was ordered into a block but marked invalid: it changed nothing. */
export class CommitError extends GatewayError {
  override readonly name = 'CommitError';
  constructor(
    txId: string,
    readonly blockNumber: number,
    readonly validationCode: ValidationCode,
  ) {
    super(`transaction ${txId} failed to commit with status code ${validationCode}`, txId);
  }
}
