import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { LedgerEvent } from '../../ledgers/hub-ledger';
import { Problem } from '../../shared/problem';
import { messageOf } from './event-message';
import { beforeBlock, parseEventId, type EventPosition } from './event-position';

/** A comment line this often keeps proxies and clients from timing the stream out. */
export const HEARTBEAT_MS = 15_000;
/** What an EventSource waits before reconnecting (it then sends Last-Event-ID). */
const RECONNECT_MS = 3_000;

/** Where a stream starts: after `Last-Event-ID`, before block `from`, or at the next event (null). */
export function startPosition(
  lastEventId: string | undefined,
  from: number | undefined,
): EventPosition | null {
  if (lastEventId !== undefined && lastEventId !== '') {
    const parsed = parseEventId(lastEventId);
    if (!parsed)
      throw new Problem(
        'validation',
        'Last-Event-ID must be an event id "<block>:<txIndex>:<eventIndex>"',
      );
    return parsed;
  }
  return from === undefined ? null : beforeBlock(from);
}

/** Waits until the socket takes more, or is gone. */
const drained = (raw: ServerResponse): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.once('drain', done);
    raw.once('close', done);
  });

/** A subscription that can be ended from outside its loop. */
interface Subscription extends AsyncIterable<LedgerEvent> {
  close(): void;
}

/**
 * Writes the events the viewer may see to an open SSE response until either side ends, with
 * heartbeats, waiting whenever the socket is full.
 */
export async function streamEvents(
  raw: ServerResponse,
  subscription: Subscription,
  mayView: (event: LedgerEvent) => Promise<boolean>,
  log: FastifyBaseLogger,
): Promise<void> {
  raw.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
  raw.on('close', () => {
    // The client went away: stop reading the ledger for it.
    subscription.close();
  });
  try {
    for await (const event of subscription) {
      if (!(await mayView(event))) continue;
      const message = messageOf(event);
      const frame = `id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(message)}\n\n`;
      if (!raw.write(frame)) await drained(raw);
    }
  } catch (error) {
    // The client reconnects with the last id it got; the event that failed is sent again.
    log.warn({ err: error }, 'event stream ended early');
  } finally {
    clearInterval(heartbeat);
    subscription.close();
    raw.end();
  }
}
