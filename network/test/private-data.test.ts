import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { COLLECTION, filesContaining, member, text, type Member, usePeer } from './helpers';

describe('private data collections', () => {
  const fixture = usePeer();
  let org1: Member;
  const secret = 'citizen-id-330102199001011234';
  const secretHash = createHash('sha256').update(secret).digest('hex');

  beforeAll(async () => {
    org1 = await member(fixture.peer, 'Org1MSP');
  });

  it('stores the value privately and puts only hashes in the block', async () => {
    const { txId, blockNumber } = await org1.contract.submit('putPrivate', {
      arguments: [COLLECTION, 'person-1'],
      transientData: { value: secret },
    });
    expect(
      text(await org1.contract.evaluate('getPrivate', { arguments: [COLLECTION, 'person-1'] })),
    ).toBe(secret);
    expect(
      text(await org1.contract.evaluate('getPrivateHash', { arguments: [COLLECTION, 'person-1'] })),
    ).toBe(secretHash);

    const block = await org1.network.getBlock(blockNumber);
    const tx = block.data.find((t) => t.txId === txId);
    expect(tx?.rwset.writes).toEqual([]);
    expect(tx?.rwset.collections[0]?.hashedWrites[0]).toMatchObject({
      valueHash: secretHash,
      isDelete: false,
      isPurge: false,
    });
    expect(JSON.stringify(block)).not.toContain(secret);
    expect(JSON.stringify(block)).not.toContain(Buffer.from(secret).toString('base64'));
    expect(
      await filesContaining(join(fixture.dir, 'ledger'), secret).then((files) =>
        files.some((f) => f.endsWith('blocks.log')),
      ),
    ).toBe(false);
  });

  it('purge removes the value from state and from every file; the block log keeps only the hash', async () => {
    await org1.contract.submit('purgePrivate', { arguments: [COLLECTION, 'person-1'] });
    expect(
      text(await org1.contract.evaluate('getPrivate', { arguments: [COLLECTION, 'person-1'] })),
    ).toBe('');
    expect(
      text(await org1.contract.evaluate('getPrivateHash', { arguments: [COLLECTION, 'person-1'] })),
    ).toBe('');
    expect(await filesContaining(fixture.dir, secret)).toEqual([]);
    expect(await filesContaining(fixture.dir, Buffer.from(secret).toString('base64'))).toEqual([]);
    const withHash = await filesContaining(fixture.dir, secretHash);
    expect(withHash.some((file) => file.endsWith('blocks.log'))).toBe(true);
  });

  it('every organization has its implicit collection; an undefined collection is refused', async () => {
    await org1.contract.submit('putPrivate', {
      arguments: ['_implicit_org_Org1MSP', 'k'],
      transientData: { value: 'v' },
    });
    expect(
      text(
        await org1.contract.evaluate('getPrivate', { arguments: ['_implicit_org_Org1MSP', 'k'] }),
      ),
    ).toBe('v');
    const height = fixture.peer.ledgerInfo().height;
    await expect(
      org1.contract.submit('putPrivate', {
        arguments: ['undeclared', 'k'],
        transientData: { value: 'v' },
      }),
    ).rejects.toThrow(/collection undeclared is not defined/);
    await expect(
      org1.contract.submit('putPrivate', {
        arguments: ['_implicit_org_NobodyMSP', 'k'],
        transientData: { value: 'v' },
      }),
    ).rejects.toThrow(/not defined/);
    expect(fixture.peer.ledgerInfo().height).toBe(height);
  });

  it('transient data reaches the chaincode but never the ledger', async () => {
    const { txId } = await org1.contract.submit('putPrivate', {
      arguments: [COLLECTION, 'person-2'],
      transientData: { value: 'transient-only-xyz' },
    });
    const record = await org1.network.getTransaction(txId);
    expect(JSON.stringify(record)).not.toContain('transient-only-xyz');
    expect(JSON.stringify(record)).not.toContain(
      Buffer.from('transient-only-xyz').toString('base64'),
    );
  });
});
