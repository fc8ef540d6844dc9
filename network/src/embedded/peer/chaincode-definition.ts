import type { Contract } from 'fabric-contract-api';

export type ContractClass = new () => Contract;

/** A chaincode as the embedded peer runs it: the same contracts a Fabric peer would run. */
export interface ChaincodeDefinition {
  /** Chaincode name; also its state namespace. */
  readonly name: string;
  readonly contracts: readonly ContractClass[];
  readonly version?: string;
  /**
   * Private data collections defined for it (its collection config). Every organization's
   * implicit collection `_implicit_org_<MSP id>` is always available, as on Fabric.
   */
  readonly collections?: readonly string[];
}

export const IMPLICIT_COLLECTION_PREFIX = '_implicit_org_';
