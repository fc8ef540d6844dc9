export { EmbeddedPeer } from './peer/embedded-peer';
export type {
  EmbeddedPeerOptions,
  EnrolledIdentity,
  LedgerInfo,
  ProposalResponse,
} from './peer/embedded-peer';
export type { ChaincodeDefinition, ContractClass } from './peer/chaincode-definition';
export type { ChaincodeEvent, CloseableAsyncIterable } from './peer/chaincode-events';
export { ProposalRejectedError } from './peer/proposal-validator';
export { connect } from './client/gateway';
export type { ConnectOptions, Gateway, Network } from './client/gateway';
export { Contract } from './client/contract';
export type { ProposalOptions, SubmitResult, SubmittedTransaction } from './client/contract';
export { CommitError, EndorseError, GatewayError } from './client/errors';
export type { EndorseFailure } from './client/errors';
export { newPrivateKeySigner } from './client/identity';
export type { Identity, Signer } from './client/identity';
export { newSignedProposal } from './client/proposal';
export { IdentityStore } from './identity/identity-store';
export type { IdentityRequest } from './identity/certificate-authority';
export type { Block, BlockTransaction, ValidationCode } from './ledger/block';
export { BlockLogTamperedError } from './ledger/block-store';
export type { TransactionRecord } from './ledger/ledger';
export type { BatchOptions, CommitStatus } from './orderer/block-cutter';
