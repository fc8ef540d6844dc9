import type { ClassicLevel } from 'classic-level';
import type { EventPosition } from '../events/event-position';

/** One event to POST to one webhook, until it is answered 2xx or given up. */
export interface Delivery {
  /** `<block>:<txIndex>:<eventIndex>:<webhook id>`, zero-padded so the queue is in event order. */
  readonly id: string;
  readonly webhookId: string;
  readonly eventName: string;
  /** The exact JSON body every attempt sends (and signs). */
  readonly body: string;
  readonly attempts: number;
  /** Epoch milliseconds of the next attempt. */
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly createdAt: string;
}

const PENDING = 'delivery:';
const FAILED = 'failed:';
const CURSOR = 'cursor';

export const deliveryIdOf = (position: EventPosition, webhookId: string): string =>
  [
    String(position.blockNumber).padStart(15, '0'),
    String(position.txIndex).padStart(9, '0'),
    String(position.eventIndex).padStart(6, '0'),
    webhookId,
  ].join(':');

const range = (prefix: string) => ({ gte: prefix, lt: `${prefix}\uffff` });

/**
 * Deliveries waiting to be sent, durable in the gateway's LevelDB (synced writes), with the
 * position of the last ledger event turned into deliveries. Both change in one atomic batch,
 * so after a crash or a restart every event is queued once and every pending delivery is
 * still there to be sent.
 */
export class DeliveryQueue {
  constructor(private readonly db: ClassicLevel) {}

  /** The last event already turned into deliveries, if any. */
  async cursor(): Promise<EventPosition | undefined> {
    const stored = await this.db.get(CURSOR);
    if (stored === undefined) return undefined;
    const cursor = JSON.parse(stored) as Omit<EventPosition, 'eventIndex'> & {
      eventIndex?: number;
    };
    // A cursor written before events had an index was the first (only queued) event of its
    // transaction: the transaction's later events, if any, are queued now.
    return { ...cursor, eventIndex: cursor.eventIndex ?? 0 };
  }

  /** Queues an event's deliveries and moves the cursor past it, atomically. */
  async enqueue(deliveries: readonly Delivery[], cursor: EventPosition): Promise<void> {
    await this.db.batch(
      [
        ...deliveries.map((delivery) => ({
          type: 'put' as const,
          key: `${PENDING}${delivery.id}`,
          value: JSON.stringify(delivery),
        })),
        {
          type: 'put' as const,
          key: CURSOR,
          value: JSON.stringify({
            blockNumber: cursor.blockNumber,
            txIndex: cursor.txIndex,
            eventIndex: cursor.eventIndex,
          }),
        },
      ],
      { sync: true },
    );
  }

  async pending(): Promise<Delivery[]> {
    const all: Delivery[] = [];
    for await (const value of this.db.values(range(PENDING)))
      all.push(JSON.parse(value) as Delivery);
    return all;
  }

  async get(id: string): Promise<Delivery | undefined> {
    const stored = await this.db.get(`${PENDING}${id}`);
    return stored === undefined ? undefined : (JSON.parse(stored) as Delivery);
  }

  /** Records a failed attempt and when to try again. */
  async reschedule(delivery: Delivery): Promise<void> {
    await this.db.put(`${PENDING}${delivery.id}`, JSON.stringify(delivery), { sync: true });
  }

  async delivered(id: string): Promise<void> {
    await this.db.del(`${PENDING}${id}`, { sync: true });
  }

  /** Out of attempts: kept aside, out of the queue, for an operator to look at. */
  async giveUp(delivery: Delivery): Promise<void> {
    await this.db.batch(
      [
        { type: 'del', key: `${PENDING}${delivery.id}` },
        { type: 'put', key: `${FAILED}${delivery.id}`, value: JSON.stringify(delivery) },
      ],
      { sync: true },
    );
  }

  async failed(): Promise<Delivery[]> {
    const all: Delivery[] = [];
    for await (const value of this.db.values(range(FAILED)))
      all.push(JSON.parse(value) as Delivery);
    return all;
  }

  /** Drops a deleted webhook's pending deliveries. */
  async dropWebhook(webhookId: string): Promise<void> {
    const keys: string[] = [];
    for await (const [key, value] of this.db.iterator(range(PENDING)))
      if ((JSON.parse(value) as Delivery).webhookId === webhookId) keys.push(key);
    if (keys.length > 0)
      await this.db.batch(
        keys.map((key) => ({ type: 'del' as const, key })),
        { sync: true },
      );
  }
}
