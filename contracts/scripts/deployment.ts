import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Signer } from 'ethers';
import { OrgRegistry__factory } from '../.cache/types';
import { deployHub, hubWiring, type HubAddresses } from './hub';

/** What the gateway reads to find the hub on an EVM chain. */
export interface HubDeployment {
  readonly chainId: string;
  /** The JSON-RPC URL, or `hardhat` for the in-process chain (gone when the process ends). */
  readonly network: string;
  readonly deployer: string;
  readonly founder: { readonly id: string; readonly name: string };
  readonly block: number;
  readonly deployedAt: string;
  readonly contracts: HubAddresses;
}

export interface DeployOptions {
  readonly deployer: Signer;
  readonly network: string;
  readonly founder: { readonly id: string; readonly name: string };
}

/**
 * Deploys the hub, makes the deployer the registry's first GOVERNANCE organization, and has it
 * wire the contracts together (`hubWiring`).
 */
export async function deployAndInitialize(options: DeployOptions): Promise<HubDeployment> {
  const { deployer, founder } = options;
  const provider = deployer.provider;
  if (!provider) throw new Error('the deployer must be connected to a chain');
  const contracts = await deployHub(deployer);
  const registry = OrgRegistry__factory.connect(contracts.OrgRegistry, deployer);
  const receipt = await (await registry.initialize(founder.id, founder.name)).wait();
  if (!receipt) throw new Error('the registry initialization was not mined');
  for (const wiring of await hubWiring(contracts, deployer))
    if (!(await (await deployer.sendTransaction(wiring)).wait()))
      throw new Error('the hub wiring was not mined');
  return {
    chainId: (await provider.getNetwork()).chainId.toString(),
    network: options.network,
    deployer: await deployer.getAddress(),
    founder,
    block: receipt.blockNumber,
    deployedAt: new Date().toISOString(),
    contracts,
  };
}

/** Writes the deployment as JSON, creating its folder. */
export function writeDeployment(path: string, deployment: HubDeployment): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
}
