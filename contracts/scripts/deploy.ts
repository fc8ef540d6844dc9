/**
 * Deploys the hub's contracts and writes their addresses for the gateway.
 *
 *   HUB_EVM_RPC           JSON-RPC URL of the chain; unset: Hardhat's in-process chain
 *   HUB_EVM_DEPLOYER_KEY  private key of the deployer; unset: the node's first account
 *   HUB_EVM_DEPLOYMENT    where to write the addresses (default $HUB_DATA_DIR/evm-deployment.json)
 *   HUB_EVM_FOUNDER_ID    the first GOVERNANCE organization's id (default city-data-bureau)
 *   HUB_EVM_FOUNDER_NAME  its name (default City Data Bureau)
 */
import { JsonRpcProvider, Wallet, type Signer } from 'ethers';
import { ethers } from 'hardhat';
import { join, resolve } from 'node:path';
import { deployAndInitialize, writeDeployment } from '@citytrust/ledger-evm';

async function deployer(rpc: string | undefined): Promise<Signer> {
  const key = process.env.HUB_EVM_DEPLOYER_KEY;
  if (!rpc) {
    const [first] = await ethers.getSigners();
    if (!first) throw new Error('Hardhat has no account to deploy from');
    return key ? new Wallet(key, ethers.provider) : first;
  }
  const provider = new JsonRpcProvider(rpc);
  return key ? new Wallet(key, provider) : provider.getSigner(0);
}

async function main(): Promise<void> {
  const rpc = process.env.HUB_EVM_RPC || undefined;
  const path = resolve(
    process.env.HUB_EVM_DEPLOYMENT ??
      join(process.env.HUB_DATA_DIR ?? join(__dirname, '..', '..', 'data'), 'evm-deployment.json'),
  );
  const deployment = await deployAndInitialize({
    deployer: await deployer(rpc),
    network: rpc ?? 'hardhat',
    founder: {
      id: process.env.HUB_EVM_FOUNDER_ID ?? 'city-data-bureau',
      name: process.env.HUB_EVM_FOUNDER_NAME ?? 'City Data Bureau',
    },
  });
  writeDeployment(path, deployment);
  console.log(
    `hub deployed on chain ${deployment.chainId} (${deployment.network}); addresses in ${path}`,
  );
  if (!rpc)
    console.log('Hardhat in-process chain: not persistent, the contracts end with this process');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
