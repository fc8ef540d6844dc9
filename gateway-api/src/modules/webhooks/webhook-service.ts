import type { Static } from '@sinclair/typebox';
import type { HubLedger } from '../../ledgers/hub-ledger';
import { paginate, type PageOf, type PageQuery } from '../../shared/pagination';
import { Problem } from '../../shared/problem';
import { ALL_EVENTS, isKnownEventName } from '../events/event-catalog';
import type { CreateWebhookBody, WebhookSchema } from './schemas';
import type { WebhookDispatcher } from './webhook-dispatcher';
import type { Webhook, WebhookStore } from './webhook-store';

type WebhookView = Static<typeof WebhookSchema>;

const view = (hook: Webhook): WebhookView => ({
  id: hook.id,
  url: hook.url,
  events: [...hook.events],
  fromBlock: hook.fromBlock,
  createdAt: hook.createdAt,
});

function checkUrl(given: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Problem('validation', `url ${given} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Problem('validation', 'url must be http or https');
  if (url.username !== '' || url.password !== '')
    throw new Problem('validation', 'url must not carry credentials; deliveries are signed');
  return url.toString();
}

/** An organization's own webhooks: created from the ledger's height now, listed, deleted. */
export class WebhookService {
  constructor(
    private readonly ledger: HubLedger,
    private readonly webhooks: WebhookStore,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /** Subscribes; the signing secret is answered this once. */
  async create(
    owner: string,
    body: Static<typeof CreateWebhookBody>,
  ): Promise<WebhookView & { secret: string }> {
    const url = checkUrl(body.url);
    const unknown = body.events.filter((name) => name !== ALL_EVENTS && !isKnownEventName(name));
    if (unknown.length > 0)
      throw new Problem('validation', `unknown event names: ${unknown.join(', ')}`);
    const { height } = await this.ledger.status();
    const { webhook, secret } = await this.webhooks.create({
      owner,
      url,
      events: body.events,
      fromBlock: height,
    });
    return { ...view(webhook), secret };
  }

  list(owner: string, query: PageQuery): PageOf<WebhookView> {
    const page = paginate(this.webhooks.ownedBy(owner), (hook) => hook.id, query);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /** Deletes the webhook and its pending deliveries. */
  async delete(owner: string, id: string): Promise<void> {
    const hook = this.webhooks.get(id);
    // Another organization's webhook is answered as missing: its existence is not told.
    if (!hook || hook.owner !== owner) throw new Problem('not-found', `no webhook ${id}`);
    await this.webhooks.delete(hook.id);
    await this.dispatcher.forget(hook.id);
  }
}
