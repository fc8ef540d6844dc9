/**
 * The gateway's ledger port. Modules speak the chaincode's language: the domain's call
 * catalogue (`<contract>:<function>` with one JSON argument, answers in the chaincode's JSON
 * shape, refusals with the chaincode's error codes); each backend's Cactus connector
 * translates, and `typedLedger` checks every answer against the catalogue.
 */
import type {
  ArgsOf,
  CallName,
  ErrorCode,
  EvaluateName,
  LedgerBackend,
  ResultOf,
  SubmitName,
} from '@citytrust/domain';

export type { LedgerBackend };

/**
 * The chaincode's refusal codes, plus what only a backend can say: `BLOCK_TIME`, an EVM
 * chain's block time cannot go back to the instant asked for.
 */
export type RefusalCode = ErrorCode | 'BLOCK_TIME';

/** A call as a backend's connector takes it: a catalogue function by name, JSON in. */
export interface ConnectorCall {
  /** The acting organization: its ledger identity signs. */
  readonly org: string;
  readonly fn: CallName;
  /** The function's one JSON argument; omitted for functions that take none. */
  readonly args?: unknown;
  /** Private data handed to the chaincode off the ledger (Fabric transient data). */
  readonly transient?: Readonly<Record<string, unknown>>;
}

/** A call as the gateway makes it: its argument type-checked against the catalogue. */
export type LedgerCall<Name extends CallName> = Omit<ConnectorCall, 'fn' | 'args'> & {
  readonly fn: Name;
} & (undefined extends ArgsOf<Name>
    ? { readonly args?: ArgsOf<Name> }
    : { readonly args: ArgsOf<Name> });

export interface SubmittedCall<Result = unknown> {
  readonly result: Result;
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

/** What the gateway needs of a backend's connector, whatever runs the ledger. */
export interface LedgerConnection {
  readonly backend: LedgerBackend;
  /** Creates the organization's ledger identity (keys into the keychain) if it has none. */
  enroll(org: string): Promise<void>;
  /** Endorses, orders and commits; resolves once the transaction is committed and valid. */
  submit(call: ConnectorCall): Promise<SubmittedCall>;
  /** Runs a read-only call on the current state. */
  evaluate(call: ConnectorCall): Promise<unknown>;
  status(): Promise<LedgerStatus>;
  /** Committed events from `fromBlock` on, then live ones, in commit order. */
  events(fromBlock: number): EventStream;
  close(): Promise<void>;
}

/**
 * The ledger as the gateway's modules use it: the catalogue's calls, arguments type-checked
 * and answers read through the catalogue's schemas.
 */
export interface HubLedger extends Omit<LedgerConnection, 'submit' | 'evaluate'> {
  submit<Name extends SubmitName>(call: LedgerCall<Name>): Promise<SubmittedCall<ResultOf<Name>>>;
  evaluate<Name extends EvaluateName>(call: LedgerCall<Name>): Promise<ResultOf<Name>>;
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
