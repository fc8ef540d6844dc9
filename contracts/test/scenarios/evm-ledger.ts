import { isCallName, parseCallArgs } from '@citytrust/domain';
import type { HardhatEthersSigner } from '@nomicfoundation/hardhat-ethers/signers';
import type { ContractTransaction, Interface, TransactionReceipt } from 'ethers';
import { reset } from '@nomicfoundation/hardhat-network-helpers';
import { ethers, network } from 'hardhat';
import type {
  CallOutcome,
  ScenarioLedger,
  ScenarioStep,
} from '../../../chaincode/scenarios/scenario';
import {
  CHAINCODE_CALLS,
  type CallContext,
  CallInputError,
  codeOf,
  decodeRevert,
  ERROR_CODES,
  hubErrorInterface,
  strangerAccount,
} from '@citytrust/ledger-evm';
import { deployHub, type HubAddresses } from '@citytrust/ledger-evm';

/** A refusal found by the adapter itself, before the chain was asked. */
class StepRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The scenarios' ledger on Hardhat's in-process chain: each scenario organization is one of
 * Hardhat's accounts, the first deploys the hub, and each step runs in a block stamped with
 * the step's time. EVM block time only moves forward, so a write dated at or before the
 * latest block is refused here as `BLOCK_TIME` (listed among the known differences).
 */
export class EvmLedger implements ScenarioLedger {
  private readonly accounts = new Map<string, HardhatEthersSigner>();
  private readonly orgIds = new Map<string, string>();
  private addresses: HubAddresses | undefined;
  private errors: Interface | undefined;

  async prepare(organizations: readonly string[]): Promise<void> {
    // A fresh chain per scenario; `reset` also forgets other tests' fixture snapshots.
    await reset();
    const signers = await ethers.getSigners();
    if (signers.length < organizations.length)
      throw new Error(`Hardhat has ${signers.length} accounts for ${organizations.length} orgs`);
    organizations.forEach((orgId, index) => {
      const signer = signers[index] as HardhatEthersSigner;
      this.accounts.set(orgId, signer);
      this.orgIds.set(signer.address.toLowerCase(), orgId);
    });
    const deployer = this.accounts.get(organizations[0] ?? '');
    if (!deployer) throw new Error('a scenario names at least one organization');
    this.addresses = await deployHub(deployer);
    this.errors = hubErrorInterface();
  }

  async call(step: ScenarioStep, at: Date): Promise<CallOutcome> {
    if (!isCallName(step.call))
      return { ok: false, code: 'UNMAPPED', message: `no EVM handler for ${step.call}` };
    const handler = CHAINCODE_CALLS[step.call];
    // As the gateway's EVM connector does: the argument is read against the catalogue first.
    const parsed = parseCallArgs(step.call, step.args);
    if (!parsed.success) return { ok: false, code: 'INVALID_ARGUMENT', message: parsed.problem };
    try {
      await this.moveClockTo(at, step.evaluate === true);
      const result = await handler(this.context(step), parsed.args ?? {});
      return { ok: true, result };
    } catch (error) {
      return this.refusal(error);
    }
  }

  /** The state root of the latest block: any committed write changes it, an empty block not. */
  async fingerprint(): Promise<string> {
    const block = (await ethers.provider.send('eth_getBlockByNumber', ['latest', false])) as {
      stateRoot: string;
    };
    return block.stateRoot;
  }

  private context(step: ScenarioStep): CallContext {
    const signer = this.accounts.get(step.actor);
    if (!signer || !this.addresses) throw new Error(`unknown actor ${step.actor}`);
    return {
      signer,
      actor: signer.address,
      provider: ethers.provider,
      addresses: this.addresses,
      evaluate: step.evaluate === true,
      transient: step.transient,
      account: async (orgId) => this.accounts.get(orgId)?.address ?? strangerAccount(orgId),
      orgId: async (account) => this.orgIds.get(account.toLowerCase()) ?? account,
      send: (transaction) => this.send(transaction, step, signer),
      sendWith: (transaction, followUps) => this.send(transaction, step, signer, followUps),
    };
  }

  private async send(
    populated: Promise<ContractTransaction>,
    step: ScenarioStep,
    signer: HardhatEthersSigner,
    followUps: readonly ContractTransaction[] = [],
  ): Promise<TransactionReceipt> {
    if (step.evaluate) throw new Error(`${step.title}: an evaluation cannot send a transaction`);
    const transaction = await populated;
    const gasLimit = await signer.estimateGas(transaction);
    if (followUps.length === 0) {
      const receipt = await (await signer.sendTransaction({ ...transaction, gasLimit })).wait();
      if (!receipt) throw new Error('no receipt');
      return receipt;
    }
    // One block for the step: hold mining, queue them all, mine at the step's second.
    await network.provider.send('evm_setAutomine', [false]);
    const sent = [];
    try {
      sent.push(await signer.sendTransaction({ ...transaction, gasLimit }));
      for (const followUp of followUps)
        // Estimated on the pending block, after the transactions queued before it.
        sent.push(
          await signer.sendTransaction({
            ...followUp,
            gasLimit: await signer.estimateGas(followUp),
          }),
        );
      await network.provider.send('evm_mine', []);
    } finally {
      await network.provider.send('evm_setAutomine', [true]);
    }
    const receipts = await Promise.all(sent.map((response) => response.wait()));
    const [receipt] = receipts;
    if (!receipt || receipts.some((each) => each?.blockNumber !== receipt.blockNumber))
      throw new Error(`${step.title}: the step's transactions were not mined in one block`);
    return receipt;
  }

  /**
   * A write runs in the next block, stamped with the step's second; an evaluation reads the
   * latest block, mined at the step's second first when the chain is behind it.
   */
  private async moveClockTo(at: Date, evaluate: boolean): Promise<void> {
    const seconds = Math.floor(at.getTime() / 1000);
    const latest = await ethers.provider.getBlock('latest');
    if (!latest) throw new Error('the chain has no block');
    if (seconds <= latest.timestamp) {
      if (evaluate) return;
      throw new StepRefused(
        'BLOCK_TIME',
        `the chain is at ${new Date(latest.timestamp * 1000).toISOString()}; EVM block time cannot go back to ${at.toISOString()}`,
      );
    }
    if (evaluate) await network.provider.send('evm_mine', [seconds]);
    else await network.provider.send('evm_setNextBlockTimestamp', [seconds]);
  }

  private refusal(error: unknown): CallOutcome {
    if (error instanceof StepRefused)
      return { ok: false, code: error.code, message: error.message };
    if (error instanceof CallInputError)
      return { ok: false, code: 'INVALID_ARGUMENT', message: `INVALID_ARGUMENT: ${error.message}` };
    const reverted = this.errors && decodeRevert(this.errors, error);
    if (reverted) {
      const code = codeOf(reverted.name, ERROR_CODES);
      return {
        ok: false,
        code,
        message: `${code}: ${reverted.signature} ${String(reverted.args)}`,
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'UNDECODED', message };
  }
}
