import type { RoutesPlugin } from '../../shared/type-provider';
import { webhookRoutes } from './webhook-routes';

/** Signed webhooks: the same events as the stream, delivered and retried. */
export const webhooksModule: RoutesPlugin = async (app) => {
  await app.register(webhookRoutes);
};
