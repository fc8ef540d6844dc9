import type { LedgerEvent } from '../../ledgers/hub-ledger';
import { eventIdOf } from './event-position';

/** A ledger event as SSE `data:` and webhook bodies carry it. */
export interface EventMessage {
  /** `<blockNumber>:<txIndex>:<eventIndex>`: orders events, and resumes a stream after this one. */
  readonly id: string;
  /** The chaincode's event name, e.g. `OrganizationRegistered`. */
  readonly event: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly txIndex: number;
  /** The event's position among its transaction's events (several on an EVM chain). */
  readonly eventIndex: number;
  /** The chaincode's event payload: ids and hashes only, never personal data. */
  readonly payload: Readonly<Record<string, unknown>>;
}

export const messageOf = (event: LedgerEvent): EventMessage => ({
  id: eventIdOf(event),
  event: event.name,
  txId: event.txId,
  blockNumber: event.blockNumber,
  txIndex: event.txIndex,
  eventIndex: event.eventIndex,
  payload: event.payload,
});
