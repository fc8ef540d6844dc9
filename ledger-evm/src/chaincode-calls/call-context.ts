import type { ContractTransaction, Provider, Signer, TransactionReceipt } from 'ethers';
import type { HubAddresses } from '../hub';

/**
 * How one `contract:function` chaincode call becomes contract calls: the handler plays the
 * gateway's part (JSON in, typed ABI values out, answers in the chaincode's JSON shape), the
 * contract decides. A family's handlers sit in `<family>-calls.ts` and are listed in
 * `index.ts`. Whoever runs them (the scenario adapter on Hardhat, the gateway's EVM connector)
 * provides the context: the chain, the acting account and how a transaction is sent.
 */
export type Args = Readonly<Record<string, unknown>>;

/** A provider that also takes raw JSON-RPC requests (for blocks ethers would not format). */
export type HubProvider = Provider & {
  send(method: string, params: unknown[]): Promise<unknown>;
};

export interface CallContext {
  /** The acting organization's account, connected to `provider`. */
  readonly signer: Signer;
  /** Its address. */
  readonly actor: string;
  readonly provider: HubProvider;
  /**
   * The hub's contracts. Keep one object per deployed hub: what a handler learns about the hub
   * (the batch members' documents) is kept per object.
   */
  readonly addresses: HubAddresses;
  /** The account of an organization; an unknown id gets an account no organization holds. */
  account(orgId: string): Promise<string>;
  /** The organization id of an account (its address when it is no organization's). */
  orgId(account: string): Promise<string>;
  /**
   * Sends a transaction as a client does: estimated first, so one that would revert is
   * refused (the revert becomes the call's refusal) and never reaches a block. Pass
   * `contract.fn.populateTransaction(...)`.
   */
  send(transaction: Promise<ContractTransaction>): Promise<TransactionReceipt>;
  /**
   * As `send`, with `followUps` sent by the same account right after it: how GOVERNANCE wires
   * the hub as it initializes the registry. A follow-up that fails is an error of the runner,
   * not a refusal.
   */
  sendWith(
    transaction: Promise<ContractTransaction>,
    followUps: readonly ContractTransaction[],
  ): Promise<TransactionReceipt>;
  /** Whether the call is an evaluation (read-only). */
  readonly evaluate: boolean;
  /** The call's transient data (e.g. `personal`); it never reaches an EVM chain. */
  readonly transient: Readonly<Record<string, unknown>> | undefined;
  /**
   * For a change to a batch member: its document hash and Merkle proof (lowercase hex) as the
   * issuer keeps them, which the contract takes at the member's first change.
   */
  readonly batchMember?: () => Promise<MemberDocumentHex | undefined>;
}

/** A batch member's document hash and proof as the chaincode's JSON writes digests. */
export interface MemberDocumentHex {
  readonly documentHash: string;
  readonly proof: readonly string[];
}

export type ChaincodeCall = (context: CallContext, args: Args) => Promise<unknown>;

/** The chaincode's INVALID_ARGUMENT, found before anything reaches the chain. */
export class CallInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallInputError';
  }
}
