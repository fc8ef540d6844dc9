import {
  deployHub,
  HUB_CONTRACTS,
  type HubDeployment,
  inProcessChain,
  readDeployment,
  writeDeployment,
} from '@citytrust/ledger-evm';
import { JsonRpcProvider, type JsonRpcApiProvider, type Wallet } from 'ethers';
import type { EvmLog } from './evm-connector-options';

/** The chain the hub is on. */
export interface HubChain {
  readonly provider: JsonRpcApiProvider;
  readonly chainId: bigint;
  /** The JSON-RPC URL without credentials, or `hardhat` for the in-process chain. */
  readonly network: string;
  /** The in-process chain is shared by the process: closing a connector leaves it running. */
  readonly inProcess: boolean;
}

/** A JSON-RPC chain at `rpcUrl`, else Hardhat's in-process chain. */
export async function connectChain(
  rpcUrl: string | undefined,
  pollingIntervalMs: number | undefined,
  log: EvmLog,
): Promise<HubChain> {
  if (!rpcUrl) {
    const { provider, chainId } = await inProcessChain();
    provider.pollingInterval = pollingIntervalMs ?? 250;
    log.warn(
      "EVM ledger: Hardhat's in-process chain (EDR) in this process; it is NOT persistent: the hub's contracts and state end with the process (set HUB_EVM_RPC for a lasting chain)",
    );
    return { provider, chainId, network: 'hardhat', inProcess: true };
  }
  // No response cache: a block number read right after a transaction must see it.
  const provider = new JsonRpcProvider(rpcUrl, undefined, {
    cacheTimeout: -1,
    pollingInterval: pollingIntervalMs ?? 1000,
  });
  const chainId = (await provider.getNetwork()).chainId;
  const url = new URL(rpcUrl);
  url.username = '';
  url.password = '';
  log.info(`EVM ledger: chain ${chainId} at ${url.origin}`);
  return { provider, chainId, network: url.toString(), inProcess: false };
}

/** Whether the deployment is on this chain and every contract of it has code there. */
async function isLive(chain: HubChain, deployment: HubDeployment): Promise<boolean> {
  if (deployment.chainId !== chain.chainId.toString()) return false;
  for (const name of HUB_CONTRACTS)
    if ((await chain.provider.getCode(deployment.contracts[name])) === '0x') return false;
  return true;
}

/** Deploys the hub's contracts from `deployer`; the registry is left to `registry:initialize`. */
export async function deployHubOn(chain: HubChain, deployer: Wallet): Promise<HubDeployment> {
  const block = (await chain.provider.getBlockNumber()) + 1;
  const contracts = await deployHub(deployer);
  return {
    chainId: chain.chainId.toString(),
    network: chain.network,
    deployer: deployer.address,
    block,
    deployedAt: new Date().toISOString(),
    contracts,
  };
}

/**
 * The hub kept in `file` when the chain still has it, else a new one, written there. Without a
 * file (or on the in-process chain, which starts empty) the hub is deployed anew.
 */
export async function hubDeployment(
  chain: HubChain,
  deployer: Wallet,
  file: string | undefined,
  log: EvmLog,
): Promise<HubDeployment> {
  const kept = file && !chain.inProcess ? readDeployment(file) : undefined;
  if (kept && (await isLive(chain, kept))) {
    log.info(`EVM ledger: the hub deployed at block ${kept.block} (${file})`);
    return kept;
  }
  const deployment = await deployHubOn(chain, deployer);
  if (file && !chain.inProcess) writeDeployment(file, deployment);
  log.info(
    `EVM ledger: hub deployed on chain ${deployment.chainId} from ${deployer.address}` +
      (file && !chain.inProcess ? `; addresses in ${file}` : ''),
  );
  return deployment;
}
