import { deliveryIdOf } from '../webhooks/delivery-queue';
import {
  beforeBlock,
  comparePositions,
  eventIdOf,
  isAfter,
  parseEventId,
  type EventPosition,
} from './event-position';
import type { LedgerEvent } from '../../ledgers/hub-ledger';

const at = (blockNumber: number, txIndex: number, eventIndex: number): LedgerEvent => ({
  name: 'Test',
  payload: {},
  txId: `tx-${blockNumber}-${txIndex}`,
  blockNumber,
  txIndex,
  eventIndex,
});

describe('event positions', () => {
  it('names each event of a transaction apart and reads the name back', () => {
    const first = at(12, 3, 0);
    const second = at(12, 3, 1);
    expect(eventIdOf(first)).toBe('12:3:0');
    expect(eventIdOf(second)).toBe('12:3:1');
    expect(parseEventId('12:3:1')).toEqual({ blockNumber: 12, txIndex: 3, eventIndex: 1 });
  });

  it('reads a two-part id of older streams as the first event of that transaction', () => {
    expect(parseEventId('12:3')).toEqual({ blockNumber: 12, txIndex: 3, eventIndex: 0 });
    expect(isAfter(at(12, 3, 1), parseEventId('12:3') as EventPosition)).toBe(true);
    expect(isAfter(at(12, 3, 0), parseEventId('12:3') as EventPosition)).toBe(false);
  });

  it('refuses what is no event id', () => {
    for (const id of ['', 'yesterday', '12', '12:3:1:0', '-1:0:0', '1:2:x', '12:3:1234567'])
      expect(parseEventId(id)).toBeUndefined();
  });

  it('orders by block, then transaction, then event', () => {
    const ordered = [at(11, 9, 4), at(12, 0, 0), at(12, 3, 0), at(12, 3, 1), at(13, 0, 0)];
    const shuffled = [ordered[3], ordered[0], ordered[4], ordered[2], ordered[1]] as LedgerEvent[];
    expect(shuffled.sort(comparePositions)).toEqual(ordered);
    expect(isAfter(at(12, 3, 1), at(12, 3, 0))).toBe(true);
    expect(isAfter(at(12, 3, 0), at(12, 3, 0))).toBe(false);
    expect(isAfter(at(12, 0, 0), beforeBlock(12))).toBe(true);
    expect(isAfter(at(11, 9, 4), beforeBlock(12))).toBe(false);
  });

  it('gives each event of a transaction its own delivery id, in event order', () => {
    const ids = [at(12, 3, 0), at(12, 3, 1), at(12, 10, 0), at(100, 0, 0)].map((event) =>
      deliveryIdOf(event, 'hook-1'),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[1]).toBe('000000000000012:000000003:000001:hook-1');
  });
});
