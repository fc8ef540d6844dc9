import { Type } from '@sinclair/typebox';
import { Instant } from '../../shared/schemas';
import { ALL_EVENTS, EVENT_NAMES } from '../events/event-catalog';

export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  fromBlock: Type.Integer({ minimum: 0 }),
  createdAt: Instant,
});

export const CreateWebhookBody = Type.Object(
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
);

export const DELIVERY = `Each delivery is a POST of JSON \`{id, event, txId, blockNumber, txIndex,
eventIndex, payload, webhookId}\` (\`id\` is the event's id,
\`<blockNumber>:<txIndex>:<eventIndex>\`, the same on every retry: use it to drop duplicates;
one transaction may carry several events) with headers \`X-CityTrust-Event\`,
\`X-CityTrust-Delivery\`, \`X-CityTrust-Timestamp\` (unix seconds of this attempt) and
\`X-CityTrust-Signature: sha256=<hex>\`, the HMAC-SHA256 under the webhook's secret of \`<timestamp>.<raw body>\`.
Refuse a wrong signature or a timestamp more than 5 minutes off. Anything but a 2xx answer
within 10 s is retried with exponential backoff (about 1 s, 2 s, 4 s ... 64 s; 8 attempts in
all); deliveries wait in the hub's data dir, so a restart does not lose them. A webhook gets
the events its organization may see (as \`GET /v1/events\`) committed after it was created.`;
