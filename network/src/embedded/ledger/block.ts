import type { NsRwSet } from './rwset';

/** Fabric's TxValidationCode names, for the codes this runtime can produce. */
export type ValidationCode =
  'VALID' | 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT' | 'DUPLICATE_TXID';

export interface TxTimestamp {
  readonly seconds: number;
  readonly nanos: number;
}

export interface ChaincodeEventData {
  readonly name: string;
  /** Base64. */
  readonly payload: string;
}

/** An endorsed transaction as the block records it. */
export interface BlockTransaction {
  readonly txId: string;
  readonly channelId: string;
  readonly timestamp: TxTimestamp;
  readonly creator: {
    readonly mspId: string;
    /** Hex SHA-256 of the creator's certificate (PEM bytes). */
    readonly certificateHash: string;
  };
  readonly chaincode: string;
  /** Base64 of each invocation argument, the function name first. */
  readonly args: string[];
  readonly rwset: NsRwSet;
  readonly event?: ChaincodeEventData;
  readonly response: {
    readonly status: number;
    readonly message: string;
    /** Base64. */
    readonly payload: string;
  };
}

export interface BlockHeader {
  readonly number: number;
  /** Hex SHA-256 of the previous block's header bytes; empty for the genesis block. */
  readonly previousHash: string;
  /** Hex SHA-256 of this block's data bytes. */
  readonly dataHash: string;
}

export interface BlockMetadata {
  /** One per transaction, in order; set by the committer like Fabric's TRANSACTIONS_FILTER. */
  readonly validationCodes: ValidationCode[];
  /** When the block was cut (ISO 8601); informational. */
  readonly cutAt: string;
}

export interface Block {
  readonly header: BlockHeader;
  readonly data: BlockTransaction[];
  readonly metadata: BlockMetadata;
}
