import { Type } from '@sinclair/typebox';
import { callerOf } from '../../plugins/infrastructure/auth';
import { Problem } from '../../shared/problem';
import { ALL_EVENTS, EVENT_NAMES, isKnownEventName } from '../events/event-catalog';
import type { Webhook } from './webhook-store';
import { Instant, Page, pageOf, problems } from '../../shared/schemas';
import type { RoutesPlugin } from '../../shared/type-provider';
import { paginate } from '../../shared/pagination';

const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  fromBlock: Type.Integer({ minimum: 0 }),
  createdAt: Instant,
});

const view = (hook: Webhook) => ({
  id: hook.id,
  url: hook.url,
  events: [...hook.events],
  fromBlock: hook.fromBlock,
  createdAt: hook.createdAt,
});

const DELIVERY = `Each delivery is a POST of JSON \`{id, event, txId, blockNumber, txIndex,
eventIndex, payload, webhookId}\` (\`id\` is the event's id,
\`<blockNumber>:<txIndex>:<eventIndex>\`, the same on every retry: use it to drop duplicates;
one transaction may carry several events) with headers \`X-CityTrust-Event\`,
\`X-CityTrust-Delivery\`, \`X-CityTrust-Timestamp\` (unix seconds of this attempt) and
\`X-CityTrust-Signature: sha256=<hex>\`, the HMAC-SHA256 under the webhook's secret of \`<timestamp>.<raw body>\`.
Refuse a wrong signature or a timestamp more than 5 minutes off. Anything but a 2xx answer
within 10 s is retried with exponential backoff (about 1 s, 2 s, 4 s ... 64 s; 8 attempts in
all); deliveries wait in the hub's data dir, so a restart does not lose them. A webhook gets
the events its organization may see (as \`GET /v1/events\`) committed after it was created.`;

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

/** Webhooks: an organization's own subscriptions to ledger events, delivered signed. */
export const webhookRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/webhooks',
    {
      // Remembered answers are sealed (storage/idempotency-store.ts), so a retried create gets
      // the same webhook and secret back instead of a second subscription.
      config: { idempotent: true },
      schema: {
        tags: ['events'],
        summary: 'Subscribe a URL to ledger events; answers its signing secret, once',
        description: DELIVERY,
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: 2048 }),
            events: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
              minItems: 1,
              maxItems: EVENT_NAMES.length + 1,
              uniqueItems: true,
              description: `event names, or "${ALL_EVENTS}" for all: ${EVENT_NAMES.join(', ')}`,
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ...WebhookSchema.properties, secret: Type.String() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const owner = callerOf(request).org.id;
      const url = checkUrl(request.body.url);
      const unknown = request.body.events.filter(
        (name) => name !== ALL_EVENTS && !isKnownEventName(name),
      );
      if (unknown.length > 0)
        throw new Problem('validation', `unknown event names: ${unknown.join(', ')}`);
      const { height } = await app.ledger.status();
      const { webhook, secret } = await app.events.webhooks.create({
        owner,
        url,
        events: request.body.events,
        fromBlock: height,
      });
      return reply.code(201).send({ ...view(webhook), secret });
    },
  );

  app.get(
    '/v1/webhooks',
    {
      schema: {
        tags: ['events'],
        summary: "This organization's webhooks",
        querystring: Type.Object(Page, { additionalProperties: false }),
        response: { 200: pageOf(WebhookSchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const owner = callerOf(request).org.id;
      const page = paginate(app.events.webhooks.ownedBy(owner), (hook) => hook.id, request.query);
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      schema: {
        tags: ['events'],
        summary: "Delete one of this organization's webhooks; its pending deliveries are dropped",
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const owner = callerOf(request).org.id;
      const hook = app.events.webhooks.get(request.params.id);
      // Another organization's webhook is answered as missing: its existence is not told.
      if (!hook || hook.owner !== owner)
        throw new Problem('not-found', `no webhook ${request.params.id}`);
      await app.events.webhooks.delete(hook.id);
      await app.events.dispatcher.forget(hook.id);
      return reply.code(204).send(null);
    },
  );
};
