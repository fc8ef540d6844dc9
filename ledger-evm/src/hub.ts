import { ContractFactory, type ContractTransaction, type InterfaceAbi, type Signer } from 'ethers';
import {
  AnchorRegistry__factory,
  AuthorizationRegistry__factory,
  CertificateRegistry__factory,
  CreditRegistry__factory,
  OrgRegistry__factory,
} from '@citytrust/contracts';

/** The hub's contracts, in deployment order; each constructor takes what came before it. */
export const HUB_CONTRACTS = [
  'OrgRegistry',
  'AnchorRegistry',
  'CertificateRegistry',
  'AuthorizationRegistry',
  'CreditRegistry',
] as const;

export type HubContractName = (typeof HUB_CONTRACTS)[number];

export type HubAddresses = Record<HubContractName, string>;

/** The compiled contracts, as typechain generated them (ABI and creation bytecode). */
const COMPILED: Record<HubContractName, { abi: InterfaceAbi; bytecode: string }> = {
  OrgRegistry: OrgRegistry__factory,
  AnchorRegistry: AnchorRegistry__factory,
  CertificateRegistry: CertificateRegistry__factory,
  AuthorizationRegistry: AuthorizationRegistry__factory,
  CreditRegistry: CreditRegistry__factory,
};

/** What a constructor receives: the addresses deployed so far. */
type ConstructorArguments = (deployed: Partial<HubAddresses>) => unknown[];

const CONSTRUCTOR_ARGUMENTS: Record<HubContractName, ConstructorArguments> = {
  OrgRegistry: () => [],
  AnchorRegistry: (deployed) => [required(deployed, 'OrgRegistry')],
  CertificateRegistry: (deployed) => [required(deployed, 'OrgRegistry')],
  AuthorizationRegistry: (deployed) => [required(deployed, 'OrgRegistry')],
  // Its access recorder is the AuthorizationRegistry, which GOVERNANCE then has trust it
  // (see `hubWiring`).
  CreditRegistry: (deployed) => [
    required(deployed, 'OrgRegistry'),
    required(deployed, 'AuthorizationRegistry'),
  ],
};

function required(deployed: Partial<HubAddresses>, name: HubContractName): string {
  const address = deployed[name];
  if (!address) throw new Error(`${name} must be deployed first`);
  return address;
}

/** Deploys every hub contract from `deployer`, wired to each other; the registry is left to initialize. */
export async function deployHub(deployer: Signer): Promise<HubAddresses> {
  const deployed: Partial<HubAddresses> = {};
  for (const name of HUB_CONTRACTS) {
    const { abi, bytecode } = COMPILED[name];
    const factory = new ContractFactory(abi, bytecode, deployer);
    const contract = await factory.deploy(...CONSTRUCTOR_ARGUMENTS[name](deployed));
    await contract.waitForDeployment();
    deployed[name] = await contract.getAddress();
  }
  for (const name of HUB_CONTRACTS) required(deployed, name);
  return deployed as HubAddresses;
}

/**
 * What GOVERNANCE sends once the registry is initialized, for the contracts to work together:
 * the AuthorizationRegistry trusts the CreditRegistry to record the accesses of requesters'
 * credit reports (`trustReportRegistry`, once, for good).
 */
export async function hubWiring(
  addresses: HubAddresses,
  governance: Signer,
): Promise<ContractTransaction[]> {
  const authorizations = AuthorizationRegistry__factory.connect(
    addresses.AuthorizationRegistry,
    governance,
  );
  return [await authorizations.trustReportRegistry.populateTransaction(addresses.CreditRegistry)];
}
