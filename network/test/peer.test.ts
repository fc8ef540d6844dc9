import { CommitError, EndorseError, newSignedProposal } from '../src/embedded';
import { CHAINCODE, member, text, type Member, usePeer } from './helpers';

describe('endorse, order and commit through the real shim', () => {
  const fixture = usePeer();
  let org1: Member;

  beforeAll(async () => {
    org1 = await member(fixture.peer, 'Org1MSP', 'alice', { role: 'clerk' });
  });

  it('commits a submitted transaction and returns its coordinates', async () => {
    const before = fixture.peer.ledgerInfo().height;
    const submitted = await org1.contract.submit('put', { arguments: ['k1', 'v1'] });
    expect(submitted.validationCode).toBe('VALID');
    expect(submitted.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(submitted.blockNumber).toBe(before);
    expect(text(await org1.contract.evaluate('get', { arguments: ['k1'] }))).toBe('v1');
    const record = await org1.network.getTransaction(submitted.txId);
    expect(record?.validationCode).toBe('VALID');
    expect(record?.transaction.rwset.writes).toEqual([
      { key: 'k1', isDelete: false, value: Buffer.from('v1').toString('base64') },
    ]);
  });

  it('evaluate runs the chaincode but writes nothing', async () => {
    const height = fixture.peer.ledgerInfo().height;
    const result = await org1.contract.evaluate('increment', { arguments: ['counter-eval'] });
    expect(text(result)).toBe('1');
    expect(text(await org1.contract.evaluate('increment', { arguments: ['counter-eval'] }))).toBe(
      '1',
    );
    expect(fixture.peer.ledgerInfo().height).toBe(height);
    expect(text(await org1.contract.evaluate('get', { arguments: ['counter-eval'] }))).toBe('');
  });

  it('gives the chaincode the creator identity, attributes and proposal timestamp as a peer does', async () => {
    const timestamp = new Date('2026-03-01T08:30:00.123Z');
    const seen = JSON.parse(text(await org1.contract.evaluate('whoami', { timestamp }))) as Record<
      string,
      string
    >;
    expect(seen.mspId).toBe('Org1MSP');
    expect(seen.id).toBe('x509::/O=Org1MSP/OU=client/CN=alice::/O=Org1MSP/CN=ca.Org1MSP');
    expect(seen.role).toBe('clerk');
    expect(seen.timestamp).toBe(timestamp.toISOString());
  });

  it('a chaincode error is an EndorseError and its writes never reach the ledger', async () => {
    const height = fixture.peer.ledgerInfo().height;
    const attempt = org1.contract.submit('failAfterWrite', { arguments: ['protected'] });
    await expect(attempt).rejects.toBeInstanceOf(EndorseError);
    await expect(attempt).rejects.toMatchObject({
      reason: 'CHAINCODE_ERROR',
      status: 500,
      message: 'refused: protected is protected',
    });
    expect(fixture.peer.ledgerInfo().height).toBe(height);
    expect(text(await org1.contract.evaluate('get', { arguments: ['protected'] }))).toBe('');
  });

  it('an unknown function is refused by the contract router', async () => {
    await expect(org1.contract.submit('noSuchFunction')).rejects.toMatchObject({
      reason: 'CHAINCODE_ERROR',
    });
  });

  it('refuses a paginated query inside an update transaction, as Fabric does', async () => {
    await expect(org1.contract.submit('pageThenWrite')).rejects.toThrow(
      /paginated queries in update transactions/,
    );
  });

  it('a transaction does not read its own writes', async () => {
    const submitted = await org1.contract.submit('increment', { arguments: ['fresh-counter'] });
    expect(text(submitted.result)).toBe('1');
  });

  it('refuses to submit the same endorsed transaction id twice', async () => {
    const first = await org1.contract.submitAsync('put', { arguments: ['dup', '1'] });
    await first.getStatus();
    await expect(fixture.peer.submit(first.txId)).rejects.toThrow(/no endorsed transaction/);
  });

  it('CommitError carries the validation code', () => {
    const error = new CommitError('tx', 3, 'MVCC_READ_CONFLICT');
    expect(error.message).toContain('MVCC_READ_CONFLICT');
  });
  it('refuses to endorse again a proposal that is being ordered', async () => {
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', {
      name: 'alice',
      attributes: { role: 'clerk' },
    });
    const args = ['assets:put', 'once', '1'].map((a) => Buffer.from(a));
    const proposal = await newSignedProposal(
      { channel: fixture.peer.channel, chaincode: CHAINCODE, args },
      identity,
      signer,
    );
    await fixture.peer.endorse(proposal.signedProposal);
    const committed = fixture.peer.submit(proposal.txId);
    await expect(fixture.peer.endorse(proposal.signedProposal)).rejects.toMatchObject({
      reason: 'DUPLICATE_TXID',
    });
    await expect(committed).resolves.toMatchObject({ validationCode: 'VALID' });
    await expect(fixture.peer.endorse(proposal.signedProposal)).rejects.toMatchObject({
      reason: 'DUPLICATE_TXID',
    });
    expect((await org1.network.getTransaction(proposal.txId))?.validationCode).toBe('VALID');
  });
});

describe('execute timeout', () => {
  const fixture = usePeer({ executeTimeoutMs: 200 });

  it('a chaincode that never answers fails endorsement instead of hanging', async () => {
    const org1 = await member(fixture.peer, 'Org1MSP');
    const height = fixture.peer.ledgerInfo().height;
    await expect(org1.contract.submit('hang')).rejects.toMatchObject({
      name: 'EndorseError',
      message: expect.stringMatching(/timeout expired/),
    });
    expect(fixture.peer.ledgerInfo().height).toBe(height);
    await expect(
      org1.contract.submit('put', { arguments: ['after-hang', 'v'] }),
    ).resolves.toMatchObject({ validationCode: 'VALID' });
  });
});
