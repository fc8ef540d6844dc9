import { join } from 'node:path';
import { getLogger, setLevel } from 'fabric-shim/lib/logger';
import {
  getLogger as getContractApiLogger,
  setLevel as setContractApiLevel,
} from 'fabric-contract-api/lib/logger';
import { sha256Hex } from '../crypto/hash';
import { IdentityStore } from '../identity/identity-store';
import { Membership } from '../identity/membership';
import type { IdentityRequest } from '../identity/certificate-authority';
import { toPrivateKeyObject } from '../identity/certificate-authority';
import { newPrivateKeySigner, type Identity, type Signer } from '../client/identity';
import type { Block, BlockTransaction } from '../ledger/block';
import { Ledger, type TransactionRecord } from '../ledger/ledger';
import type { PrivateWrite } from '../ledger/rwset';
import {
  BlockCutter,
  DEFAULT_BATCH,
  type BatchOptions,
  type CommitStatus,
} from '../orderer/block-cutter';
import { IMPLICIT_COLLECTION_PREFIX, type ChaincodeDefinition } from './chaincode-definition';
import {
  chaincodeEvents,
  type ChaincodeEvent,
  type CloseableAsyncIterable,
} from './chaincode-events';
import { ChaincodeRuntime } from './chaincode-runtime';
import { ProposalRejectedError, validateProposal } from './proposal-validator';
import { TxSimulator } from './tx-simulator';

export interface EmbeddedPeerOptions {
  /** Folder for the ledger (`ledger/<channel>`) and the organizations' CAs (`msp/`). */
  readonly dataDir: string;
  readonly channel?: string;
  readonly chaincodes: readonly ChaincodeDefinition[];
  readonly batch?: Partial<BatchOptions>;
  /**
   * Log level of the shim inside the chaincode (Fabric's CORE_CHAINCODE_LOGGING_LEVEL).
   * Unset, its console output is silenced: the peer returns every chaincode error to the caller.
   */
  readonly chaincodeLogLevel?: 'ERROR' | 'WARNING' | 'INFO' | 'DEBUG';
  /** Longest one chaincode invocation may run (Fabric's `chaincode.executetimeout`, 30 s). */
  readonly executeTimeoutMs?: number;
}

/** A chaincode's answer to a proposal. Status below 400 means the chaincode succeeded. */
export interface ProposalResponse {
  readonly txId: string;
  readonly status: number;
  readonly message: string;
  readonly payload: Uint8Array;
}

export interface LedgerInfo {
  readonly channel: string;
  readonly height: number;
  readonly currentBlockHash: string;
}

export interface EnrolledIdentity {
  readonly identity: Identity;
  readonly signer: Signer;
}

const PREPARED_LIMIT = 100_000;

function silenceChaincodeConsole(): void {
  // The shim's and the contract API's loggers each share one winston console transport;
  // silencing it is the only switch they offer below ERROR.
  setLevel('ERROR');
  setContractApiLevel('ERROR');
  for (const transport of getLogger('embedded-peer').transports) transport.silent = true;
  for (const transport of getContractApiLogger('embedded-peer').transports) transport.silent = true;
}

/** Refuses a chaincode whose name or collection names are malformed, or whose name is taken. */
function assertDefinable(
  definition: ChaincodeDefinition,
  defined: ReadonlyMap<string, unknown>,
): void {
  if (!/^[A-Za-z0-9_-]+$/.test(definition.name))
    throw new TypeError(`invalid chaincode name ${definition.name}`);
  if (defined.has(definition.name))
    throw new TypeError(`chaincode ${definition.name} is defined twice`);
  for (const collection of definition.collections ?? []) {
    if (!/^[A-Za-z0-9_-]+$/.test(collection) || collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
      throw new TypeError(`invalid collection name ${collection}`);
    }
  }
}

/**
 * A Fabric peer and a one-node orderer in a library: it validates signed proposals, runs
 * the chaincode through fabric-shim over the peer protocol, orders endorsed transactions
 * into hash-chained blocks, validates them (MVCC) and commits them durably.
 */
export class EmbeddedPeer {
  readonly channel: string;
  readonly identities: IdentityStore;
  readonly #ledger: Ledger;
  readonly #orderer: BlockCutter;
  readonly #membership: Membership;
  readonly #chaincodes: Map<
    string,
    { runtime: ChaincodeRuntime; collections: ReadonlySet<string> }
  >;
  readonly #prepared = new Map<string, { tx: BlockTransaction; privateWrites: PrivateWrite[] }>();
  readonly #ordering = new Set<string>();
  #closed = false;

  private constructor(
    channel: string,
    identities: IdentityStore,
    ledger: Ledger,
    orderer: BlockCutter,
    membership: Membership,
    chaincodes: Map<string, { runtime: ChaincodeRuntime; collections: ReadonlySet<string> }>,
  ) {
    this.channel = channel;
    this.identities = identities;
    this.#ledger = ledger;
    this.#orderer = orderer;
    this.#membership = membership;
    this.#chaincodes = chaincodes;
  }

  static async open(options: EmbeddedPeerOptions): Promise<EmbeddedPeer> {
    const channel = options.channel ?? 'citytrust';
    if (!/^[a-z][a-z0-9.-]{0,248}$/.test(channel))
      throw new TypeError(`invalid channel name ${channel}`);
    if (options.chaincodeLogLevel) setLevel(options.chaincodeLogLevel);
    else silenceChaincodeConsole();
    const identities = new IdentityStore(join(options.dataDir, 'msp'));
    const membership = new Membership(await identities.trustedRoots());
    const ledger = await Ledger.open(join(options.dataDir, 'ledger', channel));
    const chaincodes = new Map<
      string,
      { runtime: ChaincodeRuntime; collections: ReadonlySet<string> }
    >();
    try {
      for (const definition of options.chaincodes) {
        assertDefinable(definition, chaincodes);
        chaincodes.set(definition.name, {
          runtime: await ChaincodeRuntime.start(definition, options.executeTimeoutMs),
          collections: new Set(definition.collections ?? []),
        });
      }
    } catch (error) {
      await ledger.close();
      throw error;
    }
    const orderer = new BlockCutter(ledger, { ...DEFAULT_BATCH, ...options.batch });
    return new EmbeddedPeer(channel, identities, ledger, orderer, membership, chaincodes);
  }

  /** Makes an organization a channel member, creating its CA on first use. */
  async addOrganization(mspId: string): Promise<void> {
    const root = await this.identities.ensureOrganization(mspId);
    if (!this.#membership.hasOrganization(mspId)) this.#membership.addOrganization(mspId, root);
  }

  organizations(): string[] {
    return this.#membership.organizations();
  }

  /** Issues (or loads) a client identity of a member organization, with a signer for it. */
  async enroll(mspId: string, request: IdentityRequest): Promise<EnrolledIdentity> {
    await this.addOrganization(mspId);
    const stored = await this.identities.ensureIdentity(mspId, request);
    return {
      identity: { mspId, credentials: Buffer.from(stored.certificatePem) },
      signer: newPrivateKeySigner(toPrivateKeyObject(stored.privateKeyPem)),
    };
  }

  /** Validates and simulates a proposal; a successful one is kept, ready to be submitted. */
  async endorse(signedProposal: Uint8Array): Promise<ProposalResponse> {
    const { response, prepared } = await this.#simulate(signedProposal);
    if (response.status < 400 && prepared) {
      if (this.#prepared.size >= PREPARED_LIMIT)
        this.#prepared.delete(this.#prepared.keys().next().value as string);
      this.#prepared.set(response.txId, prepared);
    }
    return response;
  }

  /** Runs a proposal as a query: same checks and simulation, nothing kept or written. */
  async evaluate(signedProposal: Uint8Array): Promise<ProposalResponse> {
    return (await this.#simulate(signedProposal)).response;
  }

  /** Orders an endorsed transaction and resolves once its block is committed. */
  async submit(txId: string): Promise<CommitStatus> {
    const prepared = this.#prepared.get(txId);
    if (!prepared)
      throw new ProposalRejectedError('BAD_PROPOSAL', `no endorsed transaction ${txId} to submit`);
    this.#prepared.delete(txId);
    // Until it is committed, the id stays reserved so the same proposal cannot be endorsed again.
    this.#ordering.add(txId);
    try {
      return await this.#orderer.order(prepared);
    } finally {
      this.#ordering.delete(txId);
    }
  }

  chaincodeEvents(
    chaincodeName: string,
    options: { startBlock?: number } = {},
  ): CloseableAsyncIterable<ChaincodeEvent> {
    return chaincodeEvents(this.#ledger, chaincodeName, options.startBlock);
  }

  ledgerInfo(): LedgerInfo {
    return {
      channel: this.channel,
      height: this.#ledger.height,
      currentBlockHash: this.#ledger.lastBlockHash,
    };
  }

  getBlock(number: number): Promise<Block> {
    return this.#ledger.readBlock(number);
  }

  getTransaction(txId: string): Promise<TransactionRecord | undefined> {
    return this.#ledger.getTransaction(txId);
  }

  /** Stops accepting work, commits what was ordered, stops the chaincodes and closes the ledger. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#orderer.close();
    for (const { runtime } of this.#chaincodes.values()) runtime.close();
    await this.#ledger.close();
  }

  async #simulate(signedProposal: Uint8Array): Promise<{
    response: ProposalResponse;
    prepared?: { tx: BlockTransaction; privateWrites: PrivateWrite[] };
  }> {
    if (this.#closed) throw new ProposalRejectedError('BAD_PROPOSAL', 'the peer is closed');
    const proposal = validateProposal(signedProposal, this.channel, this.#membership);
    const chaincode = this.#chaincodes.get(proposal.chaincode);
    if (!chaincode) {
      throw new ProposalRejectedError(
        'UNKNOWN_CHAINCODE',
        `chaincode ${proposal.chaincode} is not installed on this channel`,
      );
    }
    const [known] = await this.#ledger.state.hasTransactions([proposal.txId]);
    if (known || this.#prepared.has(proposal.txId) || this.#ordering.has(proposal.txId)) {
      throw new ProposalRejectedError(
        'DUPLICATE_TXID',
        `duplicate transaction found [${proposal.txId}]`,
      );
    }
    const members = this.#membership;
    const simulator = new TxSimulator(
      this.#ledger.state,
      proposal.chaincode,
      (collection) =>
        chaincode.collections.has(collection) ||
        (collection.startsWith(IMPLICIT_COLLECTION_PREFIX) &&
          members.hasOrganization(collection.slice(IMPLICIT_COLLECTION_PREFIX.length))),
    );
    let result;
    try {
      result = await chaincode.runtime.invoke(
        this.channel,
        proposal.txId,
        proposal.input,
        proposal.signedProposal,
        simulator,
      );
    } catch (error) {
      await simulator.abort();
      return {
        response: {
          txId: proposal.txId,
          status: 500,
          message: (error as Error).message,
          payload: new Uint8Array(),
        },
      };
    }
    const response = {
      txId: proposal.txId,
      status: result.status,
      message: result.message,
      payload: result.payload,
    };
    if (result.status >= 400) {
      await simulator.abort();
      return { response };
    }
    const { rwset, privateWrites } = await simulator.finish();
    const tx: BlockTransaction = {
      txId: proposal.txId,
      channelId: this.channel,
      timestamp: proposal.timestamp,
      creator: {
        mspId: proposal.creator.mspId,
        certificateHash: sha256Hex(proposal.creator.certificatePem),
      },
      chaincode: proposal.chaincode,
      args: proposal.input.getArgsList_asU8().map((arg) => Buffer.from(arg).toString('base64')),
      rwset,
      ...(result.event
        ? { event: { name: result.event.name, payload: result.event.payload.toString('base64') } }
        : {}),
      response: {
        status: result.status,
        message: result.message,
        payload: result.payload.toString('base64'),
      },
    };
    return { response, prepared: { tx, privateWrites } };
  }
}
