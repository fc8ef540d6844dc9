import type { Block } from '../ledger/block';
import type { CommittedBlock, Ledger } from '../ledger/ledger';

/** A chaincode event of a committed, valid transaction, named as fabric-gateway names it. */
export interface ChaincodeEvent {
  readonly blockNumber: number;
  readonly transactionId: string;
  readonly chaincodeName: string;
  readonly eventName: string;
  readonly payload: Uint8Array;
}

export interface CloseableAsyncIterable<T> extends AsyncIterable<T> {
  close(): void;
}

function eventsOf(block: Block, chaincodeName: string): ChaincodeEvent[] {
  const events: ChaincodeEvent[] = [];
  block.data.forEach((tx, i) => {
    if (
      block.metadata.validationCodes[i] !== 'VALID' ||
      !tx.event ||
      tx.chaincode !== chaincodeName
    )
      return;
    events.push({
      blockNumber: block.header.number,
      transactionId: tx.txId,
      chaincodeName,
      eventName: tx.event.name,
      payload: Buffer.from(tx.event.payload, 'base64'),
    });
  });
  return events;
}

/**
 * Chaincode events from `startBlock` on: committed blocks are replayed from the log, then
 * new blocks follow as they commit, in commit order, without gaps or repeats.
 */
export function chaincodeEvents(
  ledger: Ledger,
  chaincodeName: string,
  startBlock = ledger.height,
): CloseableAsyncIterable<ChaincodeEvent> {
  if (!Number.isSafeInteger(startBlock) || startBlock < 0)
    throw new RangeError('startBlock must be a block number');
  const live: CommittedBlock[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const unsubscribe = ledger.onCommit((committed) => {
    live.push(committed);
    wake?.();
  });
  const replayUntil = ledger.height;

  async function* generate(): AsyncGenerator<ChaincodeEvent> {
    try {
      let next = startBlock;
      for (; next < replayUntil && !closed; next++)
        yield* eventsOf(await ledger.readBlock(next), chaincodeName);
      while (!closed) {
        const committed = live.shift();
        if (!committed) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (committed.block.header.number < next) continue;
        next = committed.block.header.number + 1;
        yield* eventsOf(committed.block, chaincodeName);
      }
    } finally {
      unsubscribe();
    }
  }

  const iterator = generate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: () => {
      closed = true;
      unsubscribe();
      wake?.();
    },
  };
}
