import { common, msp, peer } from '@hyperledger/fabric-protos';
import { verifyLowS } from '../crypto/ecdsa';
import { sha256Hex } from '../crypto/hash';
import {
  IdentityRejectedError,
  type Membership,
  type ValidatedIdentity,
} from '../identity/membership';
import type { TxTimestamp } from '../ledger/block';

/** Why the endorser refused a proposal before running any chaincode. */
export type ProposalRejection =
  'BAD_PROPOSAL' | 'ACCESS_DENIED' | 'DUPLICATE_TXID' | 'UNKNOWN_CHAINCODE';

export class ProposalRejectedError extends Error {
  override readonly name = 'ProposalRejectedError';
  constructor(
    readonly reason: ProposalRejection,
    message: string,
  ) {
    super(message);
  }
}

export interface ValidatedProposal {
  readonly txId: string;
  readonly channelId: string;
  readonly chaincode: string;
  readonly timestamp: TxTimestamp;
  readonly creator: ValidatedIdentity;
  readonly input: peer.ChaincodeInput;
  readonly signedProposal: peer.SignedProposal;
}

function decode<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch {
    throw new ProposalRejectedError('BAD_PROPOSAL', `cannot decode ${what}`);
  }
}

/**
 * Checks a signed proposal as Fabric's endorser does before simulation: well-formed headers
 * of an endorser transaction on this channel, a transaction id bound to nonce and creator, a
 * creator issued by a channel member's CA, and a valid low-S signature by that creator.
 */
export function validateProposal(
  bytes: Uint8Array,
  channelId: string,
  membership: Membership,
): ValidatedProposal {
  const signedProposal = decode('signed proposal', () =>
    peer.SignedProposal.deserializeBinary(bytes),
  );
  const proposalBytes = signedProposal.getProposalBytes_asU8();
  const proposal = decode('proposal', () => peer.Proposal.deserializeBinary(proposalBytes));
  const header = decode('header', () => common.Header.deserializeBinary(proposal.getHeader_asU8()));
  const channelHeader = decode('channel header', () =>
    common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()),
  );
  const signatureHeader = decode('signature header', () =>
    common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()),
  );
  const creatorBytes = signatureHeader.getCreator_asU8();
  const creator = decode('creator', () => msp.SerializedIdentity.deserializeBinary(creatorBytes));
  const payload = decode('proposal payload', () =>
    peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8()),
  );
  const invocation = decode('invocation spec', () =>
    peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8()),
  );
  const extension = decode('header extension', () =>
    peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8()),
  );

  assertEndorserHeaderFor(channelId, channelHeader);
  const txId = boundTxId(channelHeader, signatureHeader, creatorBytes);
  const timestamp = channelHeader.getTimestamp();
  if (!timestamp) throw new ProposalRejectedError('BAD_PROPOSAL', 'timestamp is missing');
  const { chaincode, input } = invokedChaincode(extension, invocation);
  const validated = authenticatedCreator(
    membership,
    creator,
    proposalBytes,
    signedProposal.getSignature_asU8(),
  );
  return {
    txId,
    channelId,
    chaincode,
    timestamp: { seconds: timestamp.getSeconds(), nanos: timestamp.getNanos() },
    creator: validated,
    input,
    signedProposal,
  };
}

/** An endorser transaction header, epoch 0, for this peer's channel. */
function assertEndorserHeaderFor(channelId: string, channelHeader: common.ChannelHeader): void {
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
    throw new ProposalRejectedError(
      'BAD_PROPOSAL',
      `invalid header type ${channelHeader.getType()}`,
    );
  }
  if (channelHeader.getEpoch() !== 0) {
    throw new ProposalRejectedError(
      'BAD_PROPOSAL',
      `invalid epoch in channel header: ${channelHeader.getEpoch()}`,
    );
  }
  if (channelHeader.getChannelId() !== channelId) {
    throw new ProposalRejectedError(
      'BAD_PROPOSAL',
      `channel ${channelHeader.getChannelId()} is not served by this peer`,
    );
  }
}

/** The transaction id, once it is checked to be SHA-256 of the nonce and the creator. */
function boundTxId(
  channelHeader: common.ChannelHeader,
  signatureHeader: common.SignatureHeader,
  creatorBytes: Uint8Array,
): string {
  const nonce = signatureHeader.getNonce_asU8();
  if (nonce.length === 0) throw new ProposalRejectedError('BAD_PROPOSAL', 'nonce is empty');
  const txId = channelHeader.getTxId();
  if (txId !== sha256Hex(Buffer.concat([nonce, creatorBytes]))) {
    throw new ProposalRejectedError('BAD_PROPOSAL', `incorrectly formed transaction id ${txId}`);
  }
  return txId;
}

/** The chaincode and its input, when the header extension and the invocation name the same one. */
function invokedChaincode(
  extension: peer.ChaincodeHeaderExtension,
  invocation: peer.ChaincodeInvocationSpec,
): { chaincode: string; input: peer.ChaincodeInput } {
  const chaincode = extension.getChaincodeId()?.getName() ?? '';
  const spec = invocation.getChaincodeSpec();
  const input = spec?.getInput();
  if (chaincode === '' || !spec || spec.getChaincodeId()?.getName() !== chaincode || !input) {
    throw new ProposalRejectedError('BAD_PROPOSAL', 'chaincode id is missing or inconsistent');
  }
  return { chaincode, input };
}

/** The creator, once found issued by a channel member's CA and to have signed the proposal. */
function authenticatedCreator(
  membership: Membership,
  creator: msp.SerializedIdentity,
  proposalBytes: Uint8Array,
  signature: Uint8Array,
): ValidatedIdentity {
  let validated: ValidatedIdentity;
  try {
    validated = membership.validate(
      creator.getMspid(),
      Buffer.from(creator.getIdBytes_asU8()).toString('utf8'),
    );
  } catch (error) {
    if (error instanceof IdentityRejectedError)
      throw new ProposalRejectedError('ACCESS_DENIED', `access denied: ${error.message}`);
    throw error;
  }
  if (!verifyLowS(validated.publicKey, proposalBytes, signature)) {
    throw new ProposalRejectedError(
      'ACCESS_DENIED',
      'access denied: the proposal signature does not verify',
    );
  }
  return validated;
}
