import type { IPluginKeychain } from '@hyperledger/cactus-core-api';
import {
  decodeRevert,
  hubErrorInterface,
  OrgRegistry__factory,
  strangerAccount,
} from '@citytrust/ledger-evm';
import { type JsonRpcApiProvider, Wallet, ZeroAddress } from 'ethers';

/** The keychain entry of an organization's private key. */
export const orgKeyName = (org: string): string => `evm:org:${org}`;

/**
 * Organizations as EVM accounts: one private key per organization in the Cactus keychain, and
 * the registry's bindings of ids to accounts. Bindings are kept once seen: an organization's
 * account never changes in OrgRegistry.
 */
export class OrgAccounts {
  private readonly wallets = new Map<string, Wallet>();
  private readonly accountsById = new Map<string, string>();
  private readonly idsByAccount = new Map<string, string>();

  constructor(
    private readonly keychain: IPluginKeychain,
    private readonly provider: JsonRpcApiProvider,
    private readonly registryAddress: string,
  ) {}

  /** The organization's wallet, created into the keychain when it has none. */
  async enroll(org: string): Promise<Wallet> {
    const known = await this.wallet(org);
    if (known) return known;
    const created = Wallet.createRandom();
    await this.keychain.set(orgKeyName(org), created.privateKey);
    return this.remember(org, new Wallet(created.privateKey, this.provider));
  }

  /** The organization's wallet when it is enrolled. */
  async wallet(org: string): Promise<Wallet | undefined> {
    const cached = this.wallets.get(org);
    if (cached) return cached;
    if (!(await this.keychain.has(orgKeyName(org)))) return undefined;
    return this.remember(org, new Wallet(await this.keychain.get(orgKeyName(org)), this.provider));
  }

  /**
   * Makes `key` the organization's key: the founding organization takes the deployer's account,
   * the only one OrgRegistry lets initialize it.
   */
  async bind(org: string, key: string): Promise<Wallet> {
    await this.keychain.set(orgKeyName(org), key);
    return this.remember(org, new Wallet(key, this.provider));
  }

  /** The registry's account of `org`, else its enrolled one, else one nobody holds. */
  async account(org: string): Promise<string> {
    const known = this.accountsById.get(org);
    if (known) return known;
    const registered = await this.registry().accountOf(org);
    if (registered !== ZeroAddress) return this.learn(org, registered);
    return (await this.wallet(org))?.address ?? strangerAccount(org);
  }

  /** The registry's organization id of `account`, else the account itself. */
  async orgId(account: string): Promise<string> {
    const known = this.idsByAccount.get(account.toLowerCase());
    if (known) return known;
    try {
      const organization = await this.registry().getOrganization(account);
      this.learn(organization.id, organization.account);
      return organization.id;
    } catch (error) {
      if (decodeRevert(hubErrorInterface(), error)) return account;
      throw error;
    }
  }

  private registry() {
    return OrgRegistry__factory.connect(this.registryAddress, this.provider);
  }

  private remember(org: string, wallet: Wallet): Wallet {
    this.wallets.set(org, wallet);
    return wallet;
  }

  private learn(org: string, account: string): string {
    this.accountsById.set(org, account);
    this.idsByAccount.set(account.toLowerCase(), org);
    return account;
  }
}
