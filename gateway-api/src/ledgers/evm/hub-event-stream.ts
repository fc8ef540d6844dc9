import { hex, type HubEventDecoder, type OrgIdOf } from '@citytrust/ledger-evm';
import type { JsonRpcApiProvider, Log } from 'ethers';
import { type EventStream, type LedgerEvent, LedgerUnavailable } from '../hub-ledger';

/** Blocks asked for in one `eth_getLogs`, within what public nodes accept. */
const BLOCKS_PER_QUERY = 2000;

export interface HubEventSource {
  readonly provider: JsonRpcApiProvider;
  readonly decoder: HubEventDecoder;
  readonly orgId: OrgIdOf;
  /** No hub event is older than this block. */
  readonly firstBlock: number;
  readonly pollingIntervalMs: number;
}

/**
 * The hub's logs as chaincode events from `fromBlock` on: the past ones, then each new block's,
 * in block and log order. Polls the chain (works on any JSON-RPC node, no subscriptions).
 */
export class HubEventStream implements EventStream {
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: Promise<HubEventSource>,
    private readonly fromBlock: number,
    private readonly onClose: (stream: HubEventStream) => void,
  ) {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.onClose(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<LedgerEvent> {
    try {
      const source = await this.source;
      const { provider } = source;
      let next = Math.max(this.fromBlock, source.firstBlock);
      while (!this.closed) {
        const latest = await provider.getBlockNumber();
        if (latest < next) {
          await this.pause(source.pollingIntervalMs);
          continue;
        }
        const to = Math.min(latest, next + BLOCKS_PER_QUERY - 1);
        const logs = await provider.getLogs({
          address: source.decoder.addresses,
          fromBlock: next,
          toBlock: to,
        });
        // A transaction's logs are in one block, so one query holds all of them.
        const eventsOfTx = new EventCounter();
        for (const log of logs.sort(inChainOrder)) {
          // close() may have run during the await above.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
          if (this.closed) return;
          const event = await this.event(source, log, eventsOfTx);
          if (event) yield event;
        }
        next = to + 1;
      }
    } catch (error) {
      if (this.closed) return;
      throw error instanceof LedgerUnavailable
        ? error
        : new LedgerUnavailable('the event stream lost the chain', { cause: error });
    } finally {
      this.close();
    }
  }

  private async event(
    source: HubEventSource,
    log: Log,
    eventsOfTx: EventCounter,
  ): Promise<LedgerEvent | undefined> {
    const decoded = await source.decoder.decode(log, source.orgId);
    if (!decoded) return undefined;
    return {
      ...decoded,
      txId: hex(log.transactionHash),
      blockNumber: log.blockNumber,
      txIndex: log.transactionIndex,
      eventIndex: eventsOfTx.next(log.blockNumber, log.transactionIndex),
    };
  }

  private pause(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Numbers a transaction's hub events 0, 1, ... in log order. Only the hub's events count (a
 * log no hub contract declares is skipped), so the numbers are the same at every read.
 */
class EventCounter {
  private block = -1;
  private tx = -1;
  private count = 0;

  next(blockNumber: number, txIndex: number): number {
    if (blockNumber !== this.block || txIndex !== this.tx) {
      this.block = blockNumber;
      this.tx = txIndex;
      this.count = 0;
    }
    return this.count++;
  }
}

function inChainOrder(a: Log, b: Log): number {
  return a.blockNumber - b.blockNumber || a.index - b.index;
}
