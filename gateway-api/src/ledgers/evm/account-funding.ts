import { type JsonRpcApiProvider, parseEther, toQuantity, type Wallet } from 'ethers';
import { LedgerUnavailable } from '../hub-ledger';
import type { KeyedQueue } from '../../shared/keyed-queue';

const DEFAULT_ORG_FUNDING = parseEther('1');
const DEPLOYER_BALANCE_ON_HARDHAT = parseEther('1000000');

/**
 * Gives accounts what their transactions cost. On a Hardhat (or Anvil) chain the balance is
 * set directly; on a chain without fees nothing is needed; otherwise the deployer pays.
 */
export class AccountFunding {
  private settable: boolean | undefined;
  private readonly orgFunding: bigint;

  constructor(
    private readonly provider: JsonRpcApiProvider,
    private readonly queue: KeyedQueue,
    orgFunding: bigint | undefined,
  ) {
    this.orgFunding = orgFunding ?? DEFAULT_ORG_FUNDING;
  }

  /** Funds the deployer itself: only a Hardhat chain can, anywhere else it must come funded. */
  async fundDeployer(deployer: Wallet): Promise<void> {
    if ((await this.provider.getBalance(deployer.address)) > 0n) return;
    if (await this.setBalance(deployer.address, DEPLOYER_BALANCE_ON_HARDHAT)) return;
    if (await this.feeless()) return;
    throw new LedgerUnavailable(
      `the deployer ${deployer.address} has no funds on this chain: fund it or set HUB_EVM_DEPLOYER_KEY`,
    );
  }

  /** Tops an organization's account up to the configured amount when it has less than half. */
  async fundAccount(address: string, deployer: Wallet): Promise<void> {
    if ((await this.provider.getBalance(address)) >= this.orgFunding / 2n) return;
    if (await this.setBalance(address, this.orgFunding)) return;
    if (await this.feeless()) return;
    await this.queue.run(deployer.address.toLowerCase(), async () => {
      const sent = await deployer.sendTransaction({ to: address, value: this.orgFunding });
      if (!(await sent.wait())) throw new LedgerUnavailable(`funding ${address} was not mined`);
    });
  }

  private async setBalance(address: string, amount: bigint): Promise<boolean> {
    if (this.settable === false) return false;
    try {
      await this.provider.send('hardhat_setBalance', [address, toQuantity(amount)]);
      this.settable = true;
    } catch {
      this.settable = false;
    }
    return this.settable;
  }

  private async feeless(): Promise<boolean> {
    const fees = await this.provider.getFeeData();
    return (fees.gasPrice ?? 0n) === 0n && (fees.maxFeePerGas ?? 0n) === 0n;
  }
}
