import type { MemberDocumentHex } from '@citytrust/ledger-evm';
import { join } from 'node:path';
import type { IPluginKeychain } from '@hyperledger/cactus-core-api';

/** Where the connector reports what it does; pino's and the console's methods fit. */
export interface EvmLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface EvmConnectorOptions {
  /** The Cactus plugin instance id. */
  readonly instanceId: string;
  /** Holds one private key per organization (`evm:org:<org id>`) and the deployer's. */
  readonly keychain: IPluginKeychain;
  /** JSON-RPC URL of the chain; unset: Hardhat's in-process chain, gone with the process. */
  readonly rpcUrl?: string;
  /**
   * The deployer's private key; unset: the keychain's `evm:deployer`, created there when
   * missing (it then needs funds on a chain with fees, unless the chain is Hardhat's).
   */
  readonly deployerKey?: string;
  /**
   * Where the hub's addresses are kept on a JSON-RPC chain; reused when the chain has code at
   * them. Unset: the hub is deployed at every start.
   */
  readonly deploymentFile?: string;
  /** Wei each organization account is given on a chain with fees (default 1 ether). */
  readonly orgFunding?: bigint;
  /** How often the chain is asked for new blocks, in milliseconds (default 250; 1000 on RPC). */
  readonly pollingIntervalMs?: number;
  readonly log?: EvmLog;
  /**
   * A batch member's document hash and Merkle proof, as the issuer's side keeps them: the
   * contracts take both at a member's first change.
   */
  readonly batchMembers?: (id: string) => Promise<MemberDocumentHex | undefined>;
}

/**
 * The options `HUB_LEDGER=evm` runs with: `HUB_EVM_RPC`, `HUB_EVM_DEPLOYER_KEY`, and the
 * deployment kept in `$HUB_DATA_DIR/evm-deployment.json` (default data dir `./data`).
 */
export function evmConnectorOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  keychain: IPluginKeychain,
  log?: EvmLog,
): EvmConnectorOptions {
  const rpcUrl = env.HUB_EVM_RPC || undefined;
  const deployerKey = env.HUB_EVM_DEPLOYER_KEY || undefined;
  return {
    instanceId: 'hub-ledger-evm',
    keychain,
    ...(rpcUrl && { rpcUrl }),
    ...(deployerKey && { deployerKey }),
    deploymentFile: join(env.HUB_DATA_DIR || './data', 'evm-deployment.json'),
    ...(log && { log }),
  };
}
