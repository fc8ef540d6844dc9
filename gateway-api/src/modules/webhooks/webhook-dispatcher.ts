import type { FastifyBaseLogger } from 'fastify';
import type { LedgerEvent } from '../../ledgers/hub-ledger';
import { deliveryIdOf, type Delivery, type DeliveryQueue } from './delivery-queue';
import type { EventFanout, Subscription } from '../events/event-fanout';
import { messageOf } from '../events/event-message';
import { EventVisibility } from '../events/event-visibility';
import type { LedgerDirectory } from '../events/ledger-directory';
import { retryDelayMs, type RetryPolicy } from './retry-policy';
import { DELIVERY_HEADER, EVENT_HEADER, signedHeaders } from './webhook-signature';
import type { WebhookStore } from './webhook-store';

/** Deliveries sent at the same time, across all webhooks. */
const CONCURRENCY = 4;
/** Wait before reading events again after the ledger or the queue failed. */
const RESUME_MS = 1_000;

/**
 * Turns ledger events into webhook deliveries and sends them. Events come from the shared
 * fan-out, from the position after the last event queued (so events committed while the hub
 * was down are queued at the next start); each webhook gets those of its event names that its
 * owner may see. Deliveries wait in the durable queue until answered 2xx, retried with
 * backoff, and are resumed after a restart.
 */
export class WebhookDispatcher {
  /** Pending deliveries by id → when they are due (epoch ms); the bodies stay on disk. */
  readonly #due = new Map<string, number>();
  readonly #inFlight = new Map<string, AbortController>();
  readonly #attempts = new Set<Promise<void>>();
  #subscription: Subscription | null = null;
  #consuming: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(
    private readonly fanout: EventFanout,
    private readonly store: WebhookStore,
    private readonly queue: DeliveryQueue,
    private readonly directory: LedgerDirectory,
    private readonly policy: RetryPolicy,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    for (const delivery of await this.queue.pending())
      this.#due.set(delivery.id, delivery.nextAttemptAt);
    this.#consuming = this.#consume();
    this.#schedule();
  }

  /** A deleted webhook's deliveries are not sent any more. */
  async forget(webhookId: string): Promise<void> {
    for (const id of this.#due.keys()) if (id.endsWith(`:${webhookId}`)) this.#due.delete(id);
    await this.queue.dropWebhook(webhookId);
  }

  async #consume(): Promise<void> {
    while (!this.#stopped) {
      try {
        const subscription = this.fanout.subscribe((await this.queue.cursor()) ?? null);
        this.#subscription = subscription;
        for await (const event of subscription) await this.#queueEvent(event);
      } catch (error) {
        this.log.warn({ err: error }, 'webhook dispatcher could not queue an event; resuming');
      } finally {
        this.#subscription?.close();
        this.#subscription = null;
      }
      // stop() may have run while the subscription was read.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (!this.#stopped) await new Promise((resolve) => setTimeout(resolve, RESUME_MS));
    }
  }

  async #queueEvent(event: LedgerEvent): Promise<void> {
    const deliveries: Delivery[] = [];
    const now = Date.now();
    for (const hook of this.store.subscribedTo(event.name)) {
      if (event.blockNumber < hook.fromBlock) continue;
      const visibility = new EventVisibility(this.directory.forViewer(hook.owner));
      if (!(await visibility.mayView(hook.owner, event))) continue;
      deliveries.push({
        id: deliveryIdOf(event, hook.id),
        webhookId: hook.id,
        eventName: event.name,
        body: JSON.stringify({ ...messageOf(event), webhookId: hook.id }),
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: new Date(now).toISOString(),
      });
    }
    await this.queue.enqueue(deliveries, event);
    for (const delivery of deliveries) this.#due.set(delivery.id, delivery.nextAttemptAt);
    if (deliveries.length > 0) this.#schedule();
  }

  /** Sends what is due now, and sets a timer for the next one due. */
  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#stopped) return;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [id, at] of [...this.#due].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))) {
      if (this.#inFlight.has(id)) continue;
      if (at > now) {
        next = Math.min(next, at);
        break;
      }
      if (this.#inFlight.size >= CONCURRENCY) return;
      this.#track(this.#attempt(id));
    }
    if (next !== Number.POSITIVE_INFINITY)
      this.#timer = setTimeout(
        () => {
          this.#schedule();
        },
        Math.max(0, next - now),
      );
  }

  #track(attempt: Promise<void>): void {
    this.#attempts.add(attempt);
    void attempt
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'webhook delivery failed');
      })
      .finally(() => {
        this.#attempts.delete(attempt);
        this.#schedule();
      });
  }

  async #attempt(id: string): Promise<void> {
    const controller = new AbortController();
    this.#inFlight.set(id, controller);
    try {
      const delivery = await this.queue.get(id);
      const hook = delivery && this.store.get(delivery.webhookId);
      if (!delivery || !hook) {
        this.#due.delete(id);
        if (delivery) await this.queue.delivered(id);
        return;
      }
      const failure = await this.#send(
        hook.url,
        await this.store.secretOf(hook.id),
        delivery,
        controller,
      );
      // Stopping aborted it: it stays as it was, to be sent after the restart.
      if (this.#stopped) return;
      if (failure === null) {
        this.#due.delete(id);
        await this.queue.delivered(id);
        this.log.info({ delivery: id, attempts: delivery.attempts + 1 }, 'webhook delivered');
        return;
      }
      const attempts = delivery.attempts + 1;
      const delay = retryDelayMs(this.policy, attempts);
      if (delay === undefined) {
        this.#due.delete(id);
        await this.queue.giveUp({ ...delivery, attempts, lastError: failure });
        this.log.warn({ delivery: id, attempts, error: failure }, 'webhook delivery given up');
        return;
      }
      const nextAttemptAt = Date.now() + delay;
      await this.queue.reschedule({ ...delivery, attempts, nextAttemptAt, lastError: failure });
      if (this.#due.has(id)) this.#due.set(id, nextAttemptAt);
      this.log.info(
        { delivery: id, attempts, error: failure, retryInMs: delay },
        'webhook delivery failed; will retry',
      );
    } finally {
      this.#inFlight.delete(id);
    }
  }

  /** One POST; null when answered 2xx, else why it failed. */
  async #send(
    url: string,
    secret: string,
    delivery: Delivery,
    controller: AbortController,
  ): Promise<string | null> {
    const timeout = setTimeout(() => {
      controller.abort();
    }, this.policy.timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: delivery.body,
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'CityTrust-Hub-Webhooks/1',
          [EVENT_HEADER]: delivery.eventName,
          [DELIVERY_HEADER]: delivery.id,
          ...signedHeaders(secret, delivery.body),
        },
      });
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
    } catch (error) {
      if (controller.signal.aborted) return `no answer within ${this.policy.timeoutMs} ms`;
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return cause instanceof Error ? cause.message : String(cause);
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Stops reading events and sending; unfinished deliveries stay queued for the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#subscription?.close();
    for (const controller of this.#inFlight.values()) controller.abort();
    await this.#consuming;
    await Promise.allSettled([...this.#attempts]);
  }
}
