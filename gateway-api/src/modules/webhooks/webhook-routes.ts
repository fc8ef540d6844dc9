import { Type } from '@sinclair/typebox';
import { callerOf } from '../../plugins/infrastructure/auth';
import { Page, pageOf, problems } from '../../shared/schemas';
import type { RoutesPlugin } from '../../shared/type-provider';
import { CreateWebhookBody, DELIVERY, WebhookSchema } from './schemas';
import { WebhookService } from './webhook-service';

/** Webhooks: an organization's own subscriptions to ledger events, delivered signed. */
export const webhookRoutes: RoutesPlugin = async (app) => {
  const service = new WebhookService(app.ledger, app.events.webhooks, app.events.dispatcher);

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
        body: CreateWebhookBody,
        response: {
          201: Type.Object({ ...WebhookSchema.properties, secret: Type.String() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(callerOf(request).org.id, request.body)),
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
    async (request) => service.list(callerOf(request).org.id, request.query),
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
      await service.delete(callerOf(request).org.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
