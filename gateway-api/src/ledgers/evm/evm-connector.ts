import { isCallName, parseCallArgs, type CallName } from '@citytrust/domain';
import {
  type CallContext,
  CHAINCODE_CALLS,
  type ChaincodeCall,
  hex,
  HubEventDecoder,
  type HubDeployment,
  writeDeployment,
} from '@citytrust/ledger-evm';
import {
  ConsensusAlgorithmFamily,
  type IPluginLedgerConnector,
} from '@hyperledger/cactus-core-api';
import type { ContractTransaction, TransactionReceipt, TransactionResponse, Wallet } from 'ethers';
import { Wallet as EthersWallet } from 'ethers';
import {
  type EventStream,
  type LedgerConnection,
  type ConnectorCall,
  LedgerRefusal,
  type LedgerStatus,
  LedgerUnavailable,
  type SubmittedCall,
} from '../hub-ledger';
import { AccountFunding } from './account-funding';
import { KeyedQueue } from '../../shared/keyed-queue';
import type { EvmConnectorOptions, EvmLog } from './evm-connector-options';
import { connectChain, deployHubOn, type HubChain, hubDeployment } from './hub-chain';
import { HubEventStream } from './hub-event-stream';
import { ledgerError, WriteInEvaluation } from './ledger-errors';
import { OrgAccounts } from './org-accounts';

/** The keychain entry of the deployer's key when none is given. */
const DEPLOYER_KEY_NAME = 'evm:deployer';
/** OrgRegistry lets its deployer only initialize it; that account becomes the founder's. */
const INITIALIZE = 'registry:initialize';

/** The chain and the accounts that pay. */
interface Runtime {
  readonly chain: HubChain;
  readonly deployer: Wallet;
  readonly funding: AccountFunding;
}

/** One deployed hub and what is known of it. */
interface Hub {
  readonly deployment: HubDeployment;
  readonly accounts: OrgAccounts;
  readonly decoder: HubEventDecoder;
}

/**
 * `HUB_LEDGER=evm`: the gateway's ledger port over the hub's Solidity contracts, as a Cactus
 * ledger connector. Calls are the chaincode's (`<contract>:<function>` with one JSON argument),
 * translated by `@citytrust/contracts`' chaincode calls; each organization is an account whose
 * key sits in the Cactus keychain. Writes are estimated first (a revert is a refusal and sends
 * nothing), then sent and awaited, one at a time per account.
 */
export class EvmConnector
  implements
    LedgerConnection,
    IPluginLedgerConnector<undefined, HubDeployment, ConnectorCall, SubmittedCall>
{
  readonly backend = 'evm' as const;
  private readonly log: EvmLog;
  /** One account's transactions in order, each with its next nonce. */
  private readonly queue = new KeyedQueue();
  private readonly streams = new Set<HubEventStream>();
  private runtime: Promise<Runtime> | undefined;
  private hub: Promise<Hub> | undefined;
  private closed = false;

  constructor(private readonly options: EvmConnectorOptions) {
    this.log = options.log ?? console;
  }

  getInstanceId(): string {
    return this.options.instanceId;
  }

  getPackageName(): string {
    return '@citytrust/gateway-api';
  }

  /** Connects to the chain and finds or deploys the hub. */
  async onPluginInit(): Promise<void> {
    await this.ready();
  }

  async getConsensusAlgorithmFamily(): Promise<ConsensusAlgorithmFamily> {
    return ConsensusAlgorithmFamily.Authority;
  }

  /** A consortium chain's blocks are final once mined (proof of authority; Hardhat's too). */
  async hasTransactionFinality(): Promise<boolean> {
    return true;
  }

  /** Deploys a new hub from the deployer and makes it this connector's (and the file's). */
  async deployContract(): Promise<HubDeployment> {
    const runtime = await this.started();
    const deployment = await deployHubOn(runtime.chain, runtime.deployer);
    const { deploymentFile } = this.options;
    if (deploymentFile && !runtime.chain.inProcess) writeDeployment(deploymentFile, deployment);
    this.hub = Promise.resolve(this.hubOf(runtime, deployment));
    return deployment;
  }

  async transact(call?: ConnectorCall): Promise<SubmittedCall> {
    if (!call) throw new LedgerRefusal('INVALID_ARGUMENT', 'a transaction needs a call');
    return this.submit(call);
  }

  /** The hub's deployment (addresses, deployer, first block). */
  async deployment(): Promise<HubDeployment> {
    return (await this.ready()).deployment;
  }

  async enroll(org: string): Promise<void> {
    if (org.trim() === '') throw new LedgerRefusal('INVALID_ARGUMENT', 'an organization id');
    const [runtime, hub] = [await this.started(), await this.ready()];
    try {
      const wallet = await hub.accounts.enroll(org);
      await runtime.funding.fundAccount(wallet.address, runtime.deployer);
    } catch (error) {
      throw ledgerError(error, `enroll ${org}`);
    }
  }

  async submit(call: ConnectorCall): Promise<SubmittedCall> {
    const [runtime, hub] = [await this.started(), await this.ready()];
    const run = this.handler(call.fn);
    const founding = call.fn === INITIALIZE;
    const args = parsedArgs(call);
    if (founding && typeof args.id === 'string' && args.id !== call.org)
      throw new LedgerRefusal('FORBIDDEN', 'only the organization itself can become governance');
    const signer = founding ? runtime.deployer : await this.enrolled(hub, call.org);
    let committed: TransactionReceipt | undefined;
    try {
      const result = await this.queue.run(signer.address.toLowerCase(), () =>
        run(
          this.context(runtime, hub, signer, call, (receipt) => (committed ??= receipt)),
          args,
        ),
      );
      if (!committed)
        throw new LedgerRefusal('INVALID_ARGUMENT', `${call.fn} writes nothing: evaluate it`);
      if (founding) await hub.accounts.bind(call.org, runtime.deployer.privateKey);
      return { result, txId: hex(committed.hash), blockNumber: committed.blockNumber };
    } catch (error) {
      throw ledgerError(error, call.fn);
    }
  }

  async evaluate(call: ConnectorCall): Promise<unknown> {
    const [runtime, hub] = [await this.started(), await this.ready()];
    const run = this.handler(call.fn);
    const signer = await this.enrolled(hub, call.org);
    try {
      return await run(this.context(runtime, hub, signer, call, undefined), parsedArgs(call));
    } catch (error) {
      throw ledgerError(error, call.fn);
    }
  }

  async status(): Promise<LedgerStatus> {
    const { chain } = await this.started();
    try {
      return {
        backend: 'evm',
        network: chain.chainId.toString(),
        height: (await chain.provider.getBlockNumber()) + 1,
      };
    } catch (error) {
      throw ledgerError(error, 'status');
    }
  }

  events(fromBlock: number): EventStream {
    const source = Promise.all([this.started(), this.ready()]).then(([runtime, hub]) => ({
      provider: runtime.chain.provider,
      decoder: hub.decoder,
      orgId: (account: string) => hub.accounts.orgId(account),
      firstBlock: hub.deployment.block,
      pollingIntervalMs: runtime.chain.provider.pollingInterval,
    }));
    // A stream that never starts still rejects its source: keep that from going unhandled.
    source.catch(() => undefined);
    const stream = new HubEventStream(source, fromBlock, (closed) => this.streams.delete(closed));
    this.streams.add(stream);
    return stream;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stream of [...this.streams]) stream.close();
    const runtime = await this.runtime?.catch(() => undefined);
    // The in-process chain is the process's; a JSON-RPC connection is this connector's.
    if (runtime && !runtime.chain.inProcess) runtime.chain.provider.destroy();
  }

  private started(): Promise<Runtime> {
    if (this.closed) return Promise.reject(new LedgerUnavailable('the EVM connector is closed'));
    this.runtime ??= this.start().catch((error: unknown) => {
      this.runtime = undefined;
      throw error instanceof LedgerUnavailable
        ? error
        : new LedgerUnavailable('the EVM chain cannot be reached', { cause: error });
    });
    return this.runtime;
  }

  private ready(): Promise<Hub> {
    this.hub ??= this.started()
      .then(async (runtime) =>
        this.hubOf(
          runtime,
          await hubDeployment(
            runtime.chain,
            runtime.deployer,
            this.options.deploymentFile,
            this.log,
          ),
        ),
      )
      .catch((error: unknown) => {
        this.hub = undefined;
        throw ledgerError(error, 'deploying the hub');
      });
    return this.hub;
  }

  private async start(): Promise<Runtime> {
    const chain = await connectChain(this.options.rpcUrl, this.options.pollingIntervalMs, this.log);
    const deployer = new EthersWallet(await this.deployerKey(), chain.provider);
    const funding = new AccountFunding(chain.provider, this.queue, this.options.orgFunding);
    await funding.fundDeployer(deployer);
    return { chain, deployer, funding };
  }

  private async deployerKey(): Promise<string> {
    if (this.options.deployerKey) return this.options.deployerKey;
    const { keychain } = this.options;
    if (await keychain.has(DEPLOYER_KEY_NAME)) return keychain.get(DEPLOYER_KEY_NAME);
    const key = EthersWallet.createRandom().privateKey;
    await keychain.set(DEPLOYER_KEY_NAME, key);
    return key;
  }

  private hubOf(runtime: Runtime, deployment: HubDeployment): Hub {
    return {
      deployment,
      accounts: new OrgAccounts(
        this.options.keychain,
        runtime.chain.provider,
        deployment.contracts.OrgRegistry,
      ),
      decoder: new HubEventDecoder(deployment.contracts),
    };
  }

  private handler(fn: CallName): ChaincodeCall {
    // The port's callers are typed; a name from anywhere else is refused as the chaincode would.
    if (!isCallName(fn))
      throw new LedgerRefusal('INVALID_ARGUMENT', `no chaincode function ${String(fn)}`);
    return CHAINCODE_CALLS[fn];
  }

  private async enrolled(hub: Hub, org: string): Promise<Wallet> {
    const wallet = await hub.accounts.wallet(org).catch((error: unknown) => {
      throw ledgerError(error, `the key of ${org}`);
    });
    if (!wallet)
      throw new LedgerRefusal('FORBIDDEN', `${org} has no identity on the EVM ledger: enroll it`);
    return wallet;
  }

  /** `committed` is told of each receipt; without it the call is an evaluation. */
  private context(
    runtime: Runtime,
    hub: Hub,
    signer: Wallet,
    call: ConnectorCall,
    committed: ((receipt: TransactionReceipt) => void) | undefined,
  ): CallContext {
    const { batchMembers } = this.options;
    const send = async (
      populated: Promise<ContractTransaction>,
      followUps: readonly ContractTransaction[],
    ): Promise<TransactionReceipt> => {
      if (!committed) throw new WriteInEvaluation();
      const transaction = await populated;
      const gasLimit = await signer.estimateGas(transaction);
      const receipt = await mined(await signer.sendTransaction({ ...transaction, gasLimit }));
      committed(receipt);
      for (const followUp of followUps) {
        try {
          const followUpGas = await signer.estimateGas(followUp);
          await mined(await signer.sendTransaction({ ...followUp, gasLimit: followUpGas }));
        } catch (error) {
          throw new LedgerUnavailable(`${call.fn}: a follow-up transaction failed`, {
            cause: error,
          });
        }
      }
      return receipt;
    };
    return {
      signer,
      actor: signer.address,
      provider: runtime.chain.provider,
      addresses: hub.deployment.contracts,
      account: (orgId) => hub.accounts.account(orgId),
      orgId: (account) => hub.accounts.orgId(account),
      send: (transaction) => send(transaction, []),
      sendWith: (transaction, followUps) => send(transaction, followUps),
      evaluate: committed === undefined,
      transient: call.transient,
      ...(batchMembers && { batchMember: () => batchMembers(String(argsObject(call.args).id)) }),
    };
  }
}

/** A call's JSON argument as the contract handlers read it: an object, or nothing. */
function argsObject(args: unknown): Readonly<Record<string, unknown>> {
  return typeof args === 'object' && args !== null
    ? (args as Readonly<Record<string, unknown>>)
    : {};
}

/**
 * The call's argument read against the catalogue first, as the chaincode reads it: the same
 * input is refused with the same words on every backend, and the handlers get it normalized.
 */
function parsedArgs(call: ConnectorCall): Readonly<Record<string, unknown>> {
  const parsed = parseCallArgs(call.fn, call.args);
  if (!parsed.success)
    throw new LedgerRefusal('INVALID_ARGUMENT', `INVALID_ARGUMENT: ${parsed.problem}`);
  return argsObject(parsed.args);
}

async function mined(response: TransactionResponse): Promise<TransactionReceipt> {
  const receipt = await response.wait();
  if (!receipt) throw new LedgerUnavailable(`transaction ${response.hash} was not mined`);
  return receipt;
}
