import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isAddress, type Signer } from 'ethers';
import { OrgRegistry__factory } from '@citytrust/contracts';
import { deployHub, HUB_CONTRACTS, hubWiring, type HubAddresses } from './hub';

/** What the gateway reads to find the hub on an EVM chain. */
export interface HubDeployment {
  readonly chainId: string;
  /** The JSON-RPC URL, or `hardhat` for the in-process chain (gone when the process ends). */
  readonly network: string;
  readonly deployer: string;
  /**
   * The first GOVERNANCE organization when the deployment initialized the registry (the deploy
   * script); absent when that is left to a `registry:initialize` call (the gateway).
   */
  readonly founder?: { readonly id: string; readonly name: string };
  /**
   * The block the registry was initialized in (deploy script) or the first contract deployed in
   * (gateway): no hub event is older, so event searches start there.
   */
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

/** The deployment written at `path`, or undefined when there is none; a malformed one throws. */
export function readDeployment(path: string): HubDeployment | undefined {
  if (!existsSync(path)) return undefined;
  const deployment = JSON.parse(readFileSync(path, 'utf8')) as Partial<HubDeployment>;
  const contracts = deployment.contracts as Partial<Record<string, unknown>> | undefined;
  if (
    typeof deployment.chainId !== 'string' ||
    typeof deployment.block !== 'number' ||
    !contracts ||
    HUB_CONTRACTS.some((name) => typeof contracts[name] !== 'string' || !isAddress(contracts[name]))
  )
    throw new Error(`${path} is not a hub deployment`);
  return deployment as HubDeployment;
}

/** Writes the deployment as JSON, creating its folder. */
export function writeDeployment(path: string, deployment: HubDeployment): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
}
