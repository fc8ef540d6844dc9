import type { LedgerEvent } from '../ledgers/hub-ledger';

/** Where an event sits in the ledger: its block and its transaction's index in that block. */
export interface EventPosition {
  readonly blockNumber: number;
  readonly txIndex: number;
}

const EVENT_ID = /^(\d{1,15}):(\d{1,9})$/;

/** The event's id on the wire (SSE `id:`, webhook `id`): `<blockNumber>:<txIndex>`. */
export const eventIdOf = (position: EventPosition): string =>
  `${position.blockNumber}:${position.txIndex}`;

/** The position an event id names, or undefined when it is not one. */
export function parseEventId(id: string): EventPosition | undefined {
  const match = EVENT_ID.exec(id.trim());
  if (!match) return undefined;
  return { blockNumber: Number(match[1]), txIndex: Number(match[2]) };
}

/** Just before the first event of `blockNumber`: resuming after it starts at that block. */
export const beforeBlock = (blockNumber: number): EventPosition => ({
  blockNumber,
  txIndex: -1,
});

/** Commit order: negative when `a` comes first. */
export function comparePositions(a: EventPosition, b: EventPosition): number {
  return a.blockNumber - b.blockNumber || a.txIndex - b.txIndex;
}

export const isAfter = (event: LedgerEvent, position: EventPosition | null): boolean =>
  position === null || comparePositions(event, position) > 0;
