import { member, openPeer, type Member, usePeer } from './helpers';

describe('block cutting', () => {
  const fixture = usePeer({ batch: { maxTransactions: 3, timeoutMs: 300 } });
  let org1: Member;

  beforeAll(async () => {
    org1 = await member(fixture.peer, 'Org1MSP');
  });

  it('cuts a block at the maximum count, and the remainder when the timeout expires', async () => {
    const start = fixture.peer.ledgerInfo().height;
    const began = Date.now();
    const submitted = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        org1.contract.submit('put', { arguments: [`cut-${i}`, 'v'] }),
      ),
    );
    const sizes = new Map<number, number>();
    for (const { blockNumber } of submitted)
      sizes.set(blockNumber, (sizes.get(blockNumber) ?? 0) + 1);
    expect([...sizes.entries()].sort(([a], [b]) => a - b)).toEqual([
      [start, 3],
      [start + 1, 3],
      [start + 2, 1],
    ]);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    for (let n = start; n < start + 3; n++) {
      const block = await org1.network.getBlock(n);
      expect(block.metadata.validationCodes).toHaveLength(block.data.length);
      expect(block.header.number).toBe(n);
    }
  });

  it('closing the peer commits what was already ordered', async () => {
    const pending = org1.contract.submit('put', { arguments: ['last-one', 'v'] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fixture.peer.close();
    await expect(pending).resolves.toMatchObject({ validationCode: 'VALID' });
    fixture.peer = await openPeer(fixture.dir);
    org1 = await member(fixture.peer, 'Org1MSP');
    expect(
      Buffer.from(await org1.contract.evaluate('get', { arguments: ['last-one'] })).toString(),
    ).toBe('v');
  });
});
