import type { ChaincodeEvent } from '../src/embedded';
import { CHAINCODE, itemAt, member, type Member, usePeer } from './helpers';

async function take(
  iterable: AsyncIterable<ChaincodeEvent>,
  count: number,
): Promise<ChaincodeEvent[]> {
  const events: ChaincodeEvent[] = [];
  for await (const event of iterable) {
    events.push(event);
    if (events.length === count) break;
  }
  return events;
}

describe('chaincode events', () => {
  const fixture = usePeer({ batch: { maxTransactions: 10, timeoutMs: 5 } });
  let org1: Member;

  beforeAll(async () => {
    org1 = await member(fixture.peer, 'Org1MSP');
  });

  it('live subscribers get one event per valid transaction, in commit order, with block number and txId', async () => {
    const events = org1.network.getChaincodeEvents(CHAINCODE);
    const received = take(events, 30);
    const submitted = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        org1.contract.submit('put', { arguments: [`e${i}`, 'v'] }),
      ),
    );
    const got = await received;
    events.close();
    const committedOrder = [...submitted]
      .sort((a, b) => a.blockNumber - b.blockNumber)
      .map((s) => s.blockNumber);
    expect(got.map((e) => e.blockNumber)).toEqual(committedOrder);
    expect(new Set(got.map((e) => e.transactionId))).toEqual(new Set(submitted.map((s) => s.txId)));
    for (const event of got) {
      const tx = await org1.network.getTransaction(event.transactionId);
      expect(tx?.blockNumber).toBe(event.blockNumber);
      expect(event.eventName).toBe('Put');
      expect(event.chaincodeName).toBe(CHAINCODE);
    }
    // Within a block, events follow transaction order.
    const positions = await Promise.all(
      got.map(async (e) => (await org1.network.getTransaction(e.transactionId))?.txNumber ?? -1),
    );
    for (let i = 1; i < got.length; i++) {
      if (itemAt(got, i).blockNumber === itemAt(got, i - 1).blockNumber)
        expect(itemAt(positions, i)).toBeGreaterThan(itemAt(positions, i - 1));
    }
  });

  it('replays from a start block, then continues live without gaps or repeats', async () => {
    const first = await org1.contract.submit('put', { arguments: ['replay-1', 'v'] });
    const second = await org1.contract.submit('put', { arguments: ['replay-2', 'v'] });
    const events = org1.network.getChaincodeEvents(CHAINCODE, { startBlock: first.blockNumber });
    const received = take(events, 3);
    const third = await org1.contract.submit('put', { arguments: ['replay-3', 'v'] });
    const got = await received;
    events.close();
    expect(got.map((e) => e.transactionId)).toEqual([first.txId, second.txId, third.txId]);
  });

  it('a failed transaction emits nothing', async () => {
    const start = fixture.peer.ledgerInfo().height;
    await expect(org1.contract.submit('failAfterWrite', { arguments: ['x'] })).rejects.toThrow();
    const ok = await org1.contract.submit('put', { arguments: ['after-failure', 'v'] });
    const events = org1.network.getChaincodeEvents(CHAINCODE, { startBlock: start });
    const [event] = await take(events, 1);
    events.close();
    expect(event?.transactionId).toBe(ok.txId);
  });
});
