/**
 * What the gateway (or any ethers v6 client) needs of the hub's contracts, free of Hardhat's
 * runtime: deploying them, the chaincode's calls and events translated to the contracts, revert
 * decoding, and Hardhat's in-process chain for a hub that needs no node.
 */
export * from './chaincode-calls';
export { type ChaincodeEvent, HubEventDecoder, type OrgIdOf } from './chaincode-events';
export {
  deployAndInitialize,
  type HubDeployment,
  readDeployment,
  writeDeployment,
} from './deployment';
export {
  deployHub,
  HUB_CONTRACTS,
  type HubAddresses,
  type HubContractName,
  hubWiring,
} from './hub';
export { type InProcessChain, inProcessChain } from './in-process-chain';
export { Role, roleMask, type RoleName, roleNames } from './roles';
export * from '@citytrust/contracts';
export {
  auditTrail,
  keyOf,
  linkHash,
  readTrail,
  trailTerms,
  verifyAuthorizationTrail,
  verifyGranteeTrails,
  type AccessEvent,
} from './access-trail';
export { ledgerRecord } from './chaincode-calls/credit-view';
