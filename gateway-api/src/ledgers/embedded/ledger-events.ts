import type { EmbeddedPeer } from '@citytrust/network';
import type { EventStream, LedgerEvent } from '../hub-ledger';

function parsePayload(bytes: Uint8Array, txId: string): Readonly<Record<string, unknown>> {
  const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`the chaincode event of transaction ${txId} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

/**
 * The chaincode's events from `fromBlock` on (replayed from the block log, then live), as the
 * port's events. The peer's events carry no position in the block, so each block holding
 * events is read once to find it.
 */
export function ledgerEvents(
  peer: EmbeddedPeer,
  chaincodeName: string,
  fromBlock: number,
  onClose: () => void,
): EventStream {
  const source = peer.chaincodeEvents(chaincodeName, { startBlock: fromBlock });

  async function* generate(): AsyncGenerator<LedgerEvent> {
    let indexedBlock = -1;
    let positions = new Map<string, number>();
    try {
      for await (const event of source) {
        if (event.blockNumber !== indexedBlock) {
          const block = await peer.getBlock(event.blockNumber);
          positions = new Map();
          // A duplicate transaction id later in the block is invalid; the first one is the event's.
          block.data.forEach((tx, i) => {
            if (!positions.has(tx.txId)) positions.set(tx.txId, i);
          });
          indexedBlock = event.blockNumber;
        }
        const txIndex = positions.get(event.transactionId);
        if (txIndex === undefined)
          throw new Error(`transaction ${event.transactionId} is not in block ${indexedBlock}`);
        yield {
          name: event.eventName,
          payload: parsePayload(event.payload, event.transactionId),
          txId: event.transactionId,
          blockNumber: event.blockNumber,
          txIndex,
          // Fabric keeps one chaincode event per transaction.
          eventIndex: 0,
        };
      }
    } finally {
      source.close();
      onClose();
    }
  }

  const iterator = generate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: () => {
      // Ends the source; a loop waiting on the next event then finishes.
      source.close();
      onClose();
    },
  };
}
