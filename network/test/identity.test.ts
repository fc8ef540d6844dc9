import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { peer as protos } from '@hyperledger/fabric-protos';
import {
  connect,
  IdentityStore,
  newPrivateKeySigner,
  newSignedProposal,
  ProposalRejectedError,
  type Identity,
  type Signer,
} from '../src/embedded';
import { malleate } from '../src/embedded/crypto/ecdsa';
import { toPrivateKeyObject } from '../src/embedded/identity/certificate-authority';
import {
  CHAINCODE,
  itemAt,
  member,
  removeDir,
  temporaryDir,
  type Member,
  usePeer,
} from './helpers';

const request = (channel: string) => ({
  channel,
  chaincode: CHAINCODE,
  args: ['assets:put', 'forged', 'x'].map((a) => Buffer.from(a)),
});

describe('proposal signatures and identities', () => {
  const fixture = usePeer();
  let outsideDir: string;
  let org1: Member;

  beforeAll(async () => {
    outsideDir = await temporaryDir();
    org1 = await member(fixture.peer, 'Org1MSP', 'alice');
  });
  afterAll(async () => {
    await removeDir(outsideDir);
  });

  /** An identity from a CA of its own, which the channel has never seen. */
  async function outsider(
    mspId: string,
    name: string,
  ): Promise<{ identity: Identity; signer: Signer }> {
    const stored = await new IdentityStore(outsideDir).ensureIdentity(mspId, { name });
    return {
      identity: { mspId, credentials: Buffer.from(stored.certificatePem) },
      signer: newPrivateKeySigner(toPrivateKeyObject(stored.privateKeyPem)),
    };
  }

  async function expectRefused(bytes: Uint8Array, reason: string, message: RegExp): Promise<void> {
    const height = fixture.peer.ledgerInfo().height;
    const attempt = fixture.peer.endorse(bytes);
    await expect(attempt).rejects.toBeInstanceOf(ProposalRejectedError);
    await expect(attempt).rejects.toMatchObject({
      reason,
      message: expect.stringMatching(message),
    });
    await expect(fixture.peer.evaluate(bytes)).rejects.toBeInstanceOf(ProposalRejectedError);
    expect(fixture.peer.ledgerInfo().height).toBe(height);
  }

  it('refuses a proposal whose signature was forged', async () => {
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', { name: 'alice' });
    const { signedProposal } = await newSignedProposal(
      request(fixture.peer.channel),
      identity,
      signer,
    );
    const signed = protos.SignedProposal.deserializeBinary(signedProposal);
    const forged = Buffer.from(signed.getSignature_asU8());
    const last = forged.length - 1;
    forged[last] = itemAt(forged, last) ^ 0x01;
    signed.setSignature(forged);
    await expectRefused(signed.serializeBinary(), 'ACCESS_DENIED', /signature does not verify/);
  });

  it('refuses proposal bytes altered after signing', async () => {
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', { name: 'alice' });
    const { signedProposal } = await newSignedProposal(
      request(fixture.peer.channel),
      identity,
      signer,
    );
    const signed = protos.SignedProposal.deserializeBinary(signedProposal);
    const proposal = protos.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
    const payload = protos.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    payload.getTransientmapMap().set('smuggled', Buffer.from('x'));
    proposal.setPayload(payload.serializeBinary());
    signed.setProposalBytes(proposal.serializeBinary());
    await expectRefused(signed.serializeBinary(), 'ACCESS_DENIED', /signature does not verify/);
  });

  it('refuses the high-S twin of a valid signature', async () => {
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', { name: 'alice' });
    const { signedProposal } = await newSignedProposal(
      request(fixture.peer.channel),
      identity,
      signer,
    );
    const signed = protos.SignedProposal.deserializeBinary(signedProposal);
    signed.setSignature(malleate(signed.getSignature_asU8()));
    await expectRefused(signed.serializeBinary(), 'ACCESS_DENIED', /signature does not verify/);
  });

  it('refuses an identity issued by a CA the channel does not know, even under a member MSP id', async () => {
    const { identity, signer } = await outsider('Org1MSP', 'mallory');
    const { signedProposal } = await newSignedProposal(
      request(fixture.peer.channel),
      identity,
      signer,
    );
    await expectRefused(signedProposal, 'ACCESS_DENIED', /not issued by the CA of Org1MSP/);
  });

  it('refuses an organization that is not a channel member', async () => {
    const { identity, signer } = await outsider('StrangerMSP', 'eve');
    const { signedProposal } = await newSignedProposal(
      request(fixture.peer.channel),
      identity,
      signer,
    );
    await expectRefused(signedProposal, 'ACCESS_DENIED', /not a member of this channel/);
  });

  it('refuses a certificate presented under another member MSP id', async () => {
    await fixture.peer.addOrganization('Org2MSP');
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', { name: 'alice' });
    const { signedProposal } = await newSignedProposal(
      request(fixture.peer.channel),
      { ...identity, mspId: 'Org2MSP' },
      signer,
    );
    await expectRefused(signedProposal, 'ACCESS_DENIED', /not issued by the CA of Org2MSP/);
  });

  it('refuses another channel, garbage bytes and an unknown chaincode', async () => {
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', { name: 'alice' });
    await expectRefused(
      (await newSignedProposal(request('otherchannel'), identity, signer)).signedProposal,
      'BAD_PROPOSAL',
      /not served/,
    );
    await expectRefused(
      Buffer.from('definitely not protobuf'),
      'BAD_PROPOSAL',
      /cannot decode|invalid header/,
    );
    const unknown = await newSignedProposal(
      { ...request(fixture.peer.channel), chaincode: 'nope' },
      identity,
      signer,
    );
    await expectRefused(unknown.signedProposal, 'UNKNOWN_CHAINCODE', /not installed/);
  });

  it('the client surfaces refusals as EndorseError with the reason', async () => {
    const { identity } = await fixture.peer.enroll('Org1MSP', { name: 'alice' });
    const { signer: wrongSigner } = await outsider('Org1MSP', 'mallory');
    const contract = connect({ peer: fixture.peer, identity, signer: wrongSigner })
      .getNetwork(fixture.peer.channel)
      .getContract(CHAINCODE, 'assets');
    await expect(contract.submit('put', { arguments: ['k', 'v'] })).rejects.toMatchObject({
      name: 'EndorseError',
      reason: 'ACCESS_DENIED',
    });
    await expect(org1.contract.submit('put', { arguments: ['k', 'v'] })).resolves.toMatchObject({
      validationCode: 'VALID',
    });
  });

  it('stores private keys with file mode 0600 and reuses identities across calls', async () => {
    const key = await stat(join(fixture.dir, 'msp', 'Org1MSP', 'users', 'alice', 'key.pem'));
    const caKey = await stat(join(fixture.dir, 'msp', 'Org1MSP', 'ca', 'key.pem'));
    expect(key.mode & 0o777).toBe(0o600);
    expect(caKey.mode & 0o777).toBe(0o600);
    const again = await fixture.peer.identities.ensureIdentity('Org1MSP', { name: 'alice' });
    const first = await fixture.peer.identities.ensureIdentity('Org1MSP', { name: 'alice' });
    expect(again.certificatePem).toBe(first.certificatePem);
    await expect(
      fixture.peer.identities.ensureIdentity('Org1MSP', {
        name: 'alice',
        attributes: { role: 'admin' },
      }),
    ).rejects.toThrow(/other attributes/);
  });
});
