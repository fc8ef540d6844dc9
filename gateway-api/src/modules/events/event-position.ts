import type { LedgerEvent } from '../../ledgers/hub-ledger';

/**
 * Where an event sits in the ledger: its block, its transaction's index in that block and its
 * own index among that transaction's events.
 */
export interface EventPosition {
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly eventIndex: number;
}

/**
 * `<block>:<txIndex>:<eventIndex>`, or `<block>:<txIndex>` as streams wrote ids before events
 * had an index: those streams sent only the first event of a transaction, so such an id names
 * that one (`:0`), and resuming after it delivers the transaction's later events.
 */
const EVENT_ID = /^(\d{1,15}):(\d{1,9})(?::(\d{1,6}))?$/;

/** The event's id on the wire (SSE `id:`, webhook `id`): `<block>:<txIndex>:<eventIndex>`. */
export const eventIdOf = (position: EventPosition): string =>
  `${position.blockNumber}:${position.txIndex}:${position.eventIndex}`;

/** The position an event id names, or undefined when it is not one. */
export function parseEventId(id: string): EventPosition | undefined {
  const match = EVENT_ID.exec(id.trim());
  if (!match) return undefined;
  return {
    blockNumber: Number(match[1]),
    txIndex: Number(match[2]),
    eventIndex: match[3] === undefined ? 0 : Number(match[3]),
  };
}

/** Just before the first event of `blockNumber`: resuming after it starts at that block. */
export const beforeBlock = (blockNumber: number): EventPosition => ({
  blockNumber,
  txIndex: -1,
  eventIndex: 0,
});

/** After every event of `blockNumber`. */
export const afterBlock = (blockNumber: number): EventPosition => ({
  blockNumber,
  txIndex: Number.MAX_SAFE_INTEGER,
  eventIndex: Number.MAX_SAFE_INTEGER,
});

/** Commit order: negative when `a` comes first. */
export function comparePositions(a: EventPosition, b: EventPosition): number {
  return a.blockNumber - b.blockNumber || a.txIndex - b.txIndex || a.eventIndex - b.eventIndex;
}

export const isAfter = (event: LedgerEvent, position: EventPosition | null): boolean =>
  position === null || comparePositions(event, position) > 0;
