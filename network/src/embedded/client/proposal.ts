import { randomBytes } from 'node:crypto';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { sha256Hex } from '../crypto/hash';
import type { Identity, Signer } from './identity';

/** What one chaincode invocation asks for. */
export interface ProposalRequest {
  readonly channel: string;
  readonly chaincode: string;
  /** First element is the function name, as on the wire. */
  readonly args: readonly Uint8Array[];
  readonly transientData?: Readonly<Record<string, Uint8Array | string>>;
  /** Proposal time; defaults to now. The chaincode sees it as the transaction timestamp. */
  readonly timestamp?: Date;
}

export interface SignedProposalBytes {
  readonly txId: string;
  /** A serialized `protos.SignedProposal`, exactly what a peer's endorser receives. */
  readonly signedProposal: Uint8Array;
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value) : value;
}

/** Builds and signs a Fabric endorser proposal; the transaction id is SHA-256(nonce ‖ creator). */
export async function newSignedProposal(
  request: ProposalRequest,
  identity: Identity,
  signer: Signer,
): Promise<SignedProposalBytes> {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(identity.mspId);
  creator.setIdBytes(identity.credentials);
  const creatorBytes = creator.serializeBinary();

  const nonce = randomBytes(24);
  const txId = sha256Hex(Buffer.concat([nonce, creatorBytes]));

  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(request.chaincode);
  const headerExtension = new peer.ChaincodeHeaderExtension();
  headerExtension.setChaincodeId(chaincodeId);

  const time = request.timestamp ?? new Date();
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(time.getTime() / 1000));
  timestamp.setNanos((time.getTime() % 1000) * 1_000_000);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(request.channel);
  channelHeader.setTxId(txId);
  channelHeader.setTimestamp(timestamp);
  channelHeader.setExtension$(headerExtension.serializeBinary());

  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creatorBytes);
  signatureHeader.setNonce(nonce);

  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const input = new peer.ChaincodeInput();
  input.setArgsList(request.args.map((arg) => Uint8Array.from(arg)));
  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.NODE);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);

  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  const transient = payload.getTransientmapMap();
  for (const [key, value] of Object.entries(request.transientData ?? {})) {
    transient.set(key, toBytes(value));
  }

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const proposalBytes = proposal.serializeBinary();

  const signed = new peer.SignedProposal();
  signed.setProposalBytes(proposalBytes);
  signed.setSignature(await signer(proposalBytes));
  return { txId, signedProposal: signed.serializeBinary() };
}
