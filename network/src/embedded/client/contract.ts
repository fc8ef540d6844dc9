import type { ValidationCode } from '../ledger/block';
import type { EmbeddedPeer, ProposalResponse } from '../peer/embedded-peer';
import { ProposalRejectedError } from '../peer/proposal-validator';
import { CommitError, EndorseError } from './errors';
import type { Identity, Signer } from './identity';
import { newSignedProposal } from './proposal';

export interface ProposalOptions {
  readonly arguments?: ReadonlyArray<string | Uint8Array>;
  readonly transientData?: Readonly<Record<string, string | Uint8Array>>;
  /** Proposal timestamp; defaults to now. */
  readonly timestamp?: Date;
}

/** A committed, valid transaction. */
export interface SubmitResult {
  readonly result: Uint8Array;
  readonly txId: string;
  readonly blockNumber: number;
  readonly validationCode: ValidationCode;
}

/** An endorsed transaction on its way: its result now, its commit status later. */
export interface SubmittedTransaction {
  readonly result: Uint8Array;
  readonly txId: string;
  getStatus(): Promise<{
    blockNumber: number;
    validationCode: ValidationCode;
    successful: boolean;
  }>;
}

const toBytes = (value: string | Uint8Array): Uint8Array =>
  typeof value === 'string' ? Buffer.from(value) : value;

/** One smart contract of a chaincode, called with the caller's identity. */
export class Contract {
  readonly #peer: EmbeddedPeer;
  readonly #identity: Identity;
  readonly #signer: Signer;
  readonly chaincodeName: string;
  readonly contractName: string | undefined;

  constructor(
    peer: EmbeddedPeer,
    identity: Identity,
    signer: Signer,
    chaincodeName: string,
    contractName?: string,
  ) {
    this.#peer = peer;
    this.#identity = identity;
    this.#signer = signer;
    this.chaincodeName = chaincodeName;
    this.contractName = contractName;
  }

  /** Evaluates a transaction function: the chaincode runs, nothing is ordered or written. */
  async evaluate(name: string, options: ProposalOptions = {}): Promise<Uint8Array> {
    const response = await this.#propose(name, options, (bytes) => this.#peer.evaluate(bytes));
    return response.payload;
  }

  /** Endorses and orders a transaction, resolving once it is committed as VALID. */
  async submit(name: string, options: ProposalOptions = {}): Promise<SubmitResult> {
    const submitted = await this.submitAsync(name, options);
    const status = await submitted.getStatus();
    if (!status.successful)
      throw new CommitError(submitted.txId, status.blockNumber, status.validationCode);
    return {
      result: submitted.result,
      txId: submitted.txId,
      blockNumber: status.blockNumber,
      validationCode: status.validationCode,
    };
  }

  /** Endorses and orders a transaction, resolving as soon as it is ordered. */
  async submitAsync(name: string, options: ProposalOptions = {}): Promise<SubmittedTransaction> {
    const response = await this.#propose(name, options, (bytes) => this.#peer.endorse(bytes));
    const committed = this.#peer.submit(response.txId).then((status) => ({
      blockNumber: status.blockNumber,
      validationCode: status.validationCode,
      successful: status.validationCode === 'VALID',
    }));
    committed.catch(() => undefined); // observed through getStatus()
    return { result: response.payload, txId: response.txId, getStatus: () => committed };
  }

  async #propose(
    name: string,
    options: ProposalOptions,
    send: (bytes: Uint8Array) => Promise<ProposalResponse>,
  ): Promise<ProposalResponse> {
    const fn = this.contractName ? `${this.contractName}:${name}` : name;
    const { txId, signedProposal } = await newSignedProposal(
      {
        channel: this.#peer.channel,
        chaincode: this.chaincodeName,
        args: [fn, ...(options.arguments ?? [])].map(toBytes),
        ...(options.transientData ? { transientData: options.transientData } : {}),
        ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      },
      this.#identity,
      this.#signer,
    );
    let response: ProposalResponse;
    try {
      response = await send(signedProposal);
    } catch (error) {
      if (error instanceof ProposalRejectedError)
        throw new EndorseError(error.message, txId, error.reason);
      throw error;
    }
    if (response.status >= 400) {
      throw new EndorseError(response.message, txId, 'CHAINCODE_ERROR', response.status);
    }
    return response;
  }
}
