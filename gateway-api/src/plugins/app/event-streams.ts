import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { DeliveryQueue } from '../../modules/webhooks/delivery-queue';
import { EventFanout } from '../../modules/events/event-fanout';
import { LedgerDirectory } from '../../modules/events/ledger-directory';
import { DEFAULT_RETRY_POLICY } from '../../modules/webhooks/retry-policy';
import { WebhookDispatcher } from '../../modules/webhooks/webhook-dispatcher';
import { WebhookStore } from '../../modules/webhooks/webhook-store';

/** What the event routes use: the shared stream, visibility facts, webhooks. */
export interface HubEvents {
  readonly fanout: EventFanout;
  readonly directory: LedgerDirectory;
  readonly webhooks: WebhookStore;
  readonly dispatcher: WebhookDispatcher;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: HubEvents;
  }
}

/**
 * Ledger events for SSE clients and webhooks: one shared ledger subscription (the fan-out) and
 * the webhook dispatcher, both started once the app is ready. They stop in `preClose`, before
 * fastify waits for in-flight requests, because an open SSE stream is a request that would
 * otherwise never finish; the webhook database closes with the app.
 */
export const eventsPlugin = fp(
  async (app: FastifyInstance) => {
    const db = new ClassicLevel<string, string>(join(app.config.dataDir, 'gateway', 'webhooks'), {
      valueEncoding: 'utf8',
    });
    await db.open();
    const fanout = new EventFanout(app.ledger, app.log);
    const directory = new LedgerDirectory(app.ledger);
    const webhooks = await WebhookStore.open(db, app.keychain);
    const dispatcher = new WebhookDispatcher(
      fanout,
      webhooks,
      new DeliveryQueue(db),
      directory,
      DEFAULT_RETRY_POLICY,
      app.log,
    );
    app.decorate('events', { fanout, directory, webhooks, dispatcher });
    new Gauge({
      name: 'hub_event_subscribers',
      help: 'Readers of the one shared ledger event stream: SSE clients and the webhook dispatcher',
      registers: [app.metrics.registry],
      collect() {
        this.set(fanout.subscribers);
      },
    });

    let started = false;
    app.addHook('onReady', async () => {
      await fanout.start();
      await dispatcher.start();
      started = true;
    });
    app.addHook('preClose', async () => {
      if (!started) return;
      await dispatcher.stop();
      await fanout.stop();
    });
    app.addHook('onClose', async () => db.close());
  },
  { name: 'events', dependencies: ['config', 'metrics', 'ledger'] },
);
