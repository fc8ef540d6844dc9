import type { FastifyBaseLogger } from 'fastify';
import type { EventStream, HubLedger, LedgerEvent } from '../../ledgers/hub-ledger';
import { afterBlock, comparePositions, isAfter, type EventPosition } from './event-position';

/** Live events a subscriber may have waiting before it is dropped as too slow. */
const MAX_QUEUED = 10_000;
/** Wait before the shared subscription is opened again after the ledger failed it. */
const RECONNECT_MS = 1_000;

/**
 * One subscriber's view of the shared stream: live events queue here until it takes them.
 * It ends when closed, when the fan-out stops, or when it falls too far behind (it then
 * resumes from the last event it took, as an SSE client does with Last-Event-ID).
 */
export class Subscription implements AsyncIterable<LedgerEvent> {
  readonly #queue: LedgerEvent[] = [];
  #wake: (() => void) | null = null;
  #closed = false;
  #onClose: (() => void) | null = null;

  constructor(
    private readonly run: (subscription: Subscription) => AsyncGenerator<LedgerEvent>,
    private readonly detach: (subscription: Subscription) => void,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Called by the fan-out for every live event. */
  deliver(event: LedgerEvent): void {
    if (this.#closed) return;
    if (this.#queue.length >= MAX_QUEUED) {
      this.close();
      return;
    }
    this.#queue.push(event);
    this.#wake?.();
  }

  /** The oldest live event not yet taken. */
  peek(): LedgerEvent | undefined {
    return this.#queue[0];
  }

  /** The next live event, or undefined once closed. */
  async take(): Promise<LedgerEvent | undefined> {
    while (!this.#closed) {
      const next = this.#queue.shift();
      if (next) return next;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
    return undefined;
  }

  /** Runs `stop` when the subscription closes (or now, if it has). */
  onClose(stop: (() => void) | null): void {
    this.#onClose = stop;
    if (stop && this.#closed) stop();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.length = 0;
    this.detach(this);
    this.#onClose?.();
    this.#wake?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<LedgerEvent> {
    return this.run(this);
  }
}

/**
 * One ledger event subscription shared by every SSE client and the webhook dispatcher. A
 * subscriber that resumes from an earlier position first reads the ledger from there on its
 * own stream, until that stream reaches the first live event the shared one queued for it;
 * from then on it reads the shared stream. Events are handed on in commit order, each once.
 */
export class EventFanout {
  readonly #subscribers = new Set<Subscription>();
  /** Every event up to here has been handed on (or was committed before the fan-out began). */
  #seenThrough: EventPosition = afterBlock(-1);
  #stream: EventStream | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  #reconnect: NodeJS.Timeout | null = null;

  constructor(
    private readonly ledger: HubLedger,
    private readonly log: FastifyBaseLogger,
  ) {}

  get subscribers(): number {
    return this.#subscribers.size;
  }

  /** Subscribes to the ledger from its current height. */
  async start(): Promise<void> {
    const { height } = await this.ledger.status();
    this.#seenThrough = afterBlock(height - 1);
    this.#open();
  }

  #open(): void {
    if (this.#stopped) return;
    const stream = this.ledger.events(this.#seenThrough.blockNumber + 1);
    this.#stream = stream;
    this.#running = (async () => {
      for await (const event of stream) {
        if (!isAfter(event, this.#seenThrough)) continue;
        this.#seenThrough = event;
        for (const subscriber of this.#subscribers) subscriber.deliver(event);
      }
    })().then(
      () => {
        this.#retry();
      },
      (error: unknown) => {
        this.log.warn({ err: error }, 'ledger event stream failed; opening it again');
        this.#retry();
      },
    );
  }

  #retry(): void {
    this.#stream = null;
    if (this.#stopped) return;
    this.#reconnect = setTimeout(() => {
      this.#reconnect = null;
      this.#open();
    }, RECONNECT_MS);
  }

  /**
   * Events after `after` (live ones only when null), in commit order. Close the subscription
   * to stop; it also ends when the fan-out stops.
   */
  subscribe(after: EventPosition | null): Subscription {
    const subscription = new Subscription(
      (self) => this.#read(self, after),
      (self) => this.#subscribers.delete(self),
    );
    if (this.#stopped) subscription.close();
    else this.#subscribers.add(subscription);
    return subscription;
  }

  async *#read(
    subscription: Subscription,
    after: EventPosition | null,
  ): AsyncGenerator<LedgerEvent> {
    let last = after;
    try {
      if (after !== null && comparePositions(after, this.#seenThrough) < 0) {
        // Catch up on a private stream until it meets the live events queued meanwhile.
        const replay = this.ledger.events(after.blockNumber);
        subscription.onClose(() => {
          replay.close();
        });
        let met = false;
        try {
          for await (const event of replay) {
            if (subscription.closed) return;
            const firstLive = subscription.peek();
            if (firstLive && comparePositions(event, firstLive) >= 0) {
              met = true;
              break;
            }
            if (!isAfter(event, last)) continue;
            last = event;
            yield event;
          }
        } finally {
          subscription.onClose(null);
          replay.close();
        }
        // A replay that ended on its own may have missed events: end here, to be resumed.
        if (!met) return;
      }
      for (let event = await subscription.take(); event; event = await subscription.take()) {
        if (!isAfter(event, last)) continue;
        last = event;
        yield event;
      }
    } finally {
      subscription.close();
    }
  }

  /** Ends every subscription and the shared ledger stream. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#reconnect) clearTimeout(this.#reconnect);
    for (const subscriber of [...this.#subscribers]) subscriber.close();
    this.#stream?.close();
    await this.#running;
  }
}
