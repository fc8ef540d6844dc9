/**
 * What the gateway needs of a ledger, whatever runs it. Routes speak the chaincode's language
 * (`<contract>:<function>` with one JSON argument, answers in the chaincode's JSON shape,
 * refusals with the chaincode's error codes); each backend's Cactus connector translates.
 */
import type { ErrorCode, LedgerBackend } from '@citytrust/domain';

export type { LedgerBackend };

/**
 * The chaincode's refusal codes, plus what only a backend can say: `BLOCK_TIME`, an EVM
 * chain's block time cannot go back to the instant asked for.
 */
export type RefusalCode = ErrorCode | 'BLOCK_TIME';

export interface LedgerCall {
  /** The acting organization: its ledger identity signs. */
  readonly org: string;
  /** `<contract>:<function>` of the chaincode, e.g. `certificates:issue`. */
  readonly fn: string;
  /** The function's one JSON argument; omitted for functions that take none. */
  readonly args?: Readonly<Record<string, unknown>>;
  /** Private data handed to the chaincode off the ledger (Fabric transient data). */
  readonly transient?: Readonly<Record<string, unknown>>;
  /**
   * For a change to a batch member (`<batchId>~<index>`): its document hash and Merkle proof,
   * as the issuer's side keeps them. The EVM contracts take both at a member's first change;
   * the chaincode needs neither, and the embedded and Fabric backends never ask.
   */
  readonly batchMember?: () => Promise<BatchMemberProof | undefined>;
}

export interface BatchMemberProof {
  /** Lowercase hex SHA-256 of the member's canonical credential. */
  readonly documentHash: string;
  /** Siblings from the member's leaf up to its batch's Merkle root, lowercase hex. */
  readonly proof: readonly string[];
}

export interface SubmittedCall {
  readonly result: unknown;
  readonly txId: string;
  readonly blockNumber: number;
}

/** A chaincode event (or its EVM equivalent) of a committed transaction. */
export interface LedgerEvent {
  readonly name: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly txId: string;
  readonly blockNumber: number;
  /** Position of the transaction in its block. */
  readonly txIndex: number;
  /**
   * Position of the event among its transaction's events, from 0. With the block number and
   * the transaction's index it orders events and names each one. A Fabric transaction sets at
   * most one event (always 0 there); an EVM transaction may log several.
   */
  readonly eventIndex: number;
}

export interface LedgerStatus {
  readonly backend: LedgerBackend;
  /** Channel name (embedded, Fabric) or chain id (EVM). */
  readonly network: string;
  /** Blocks committed so far. */
  readonly height: number;
}

/** An async iterable that can be stopped from outside the loop. */
export interface EventStream extends AsyncIterable<LedgerEvent> {
  close(): void;
}

export interface HubLedger {
  readonly backend: LedgerBackend;
  /** Creates the organization's ledger identity (keys into the keychain) if it has none. */
  enroll(org: string): Promise<void>;
  /** Endorses, orders and commits; resolves once the transaction is committed and valid. */
  submit(call: LedgerCall): Promise<SubmittedCall>;
  /** Runs a read-only call on the current state. */
  evaluate(call: LedgerCall): Promise<unknown>;
  status(): Promise<LedgerStatus>;
  /** Committed events from `fromBlock` on, then live ones, in commit order. */
  events(fromBlock: number): EventStream;
  close(): Promise<void>;
}

/** The ledger refused the call: the chaincode (or contract) said no, nothing was written. */
export class LedgerRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** A refusal that was itself recorded (a denied access): its transaction. */
    readonly recorded?: SubmittedCall,
  ) {
    super(message);
    this.name = 'LedgerRefusal';
  }
}

/** The ledger could not be reached or failed; not the caller's fault. */
export class LedgerUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerUnavailable';
  }
}
