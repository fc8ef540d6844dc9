import type { RoutesPlugin } from '../../shared/type-provider';
import { eventRoutes } from './event-routes';

/** The ledger's events as Server-Sent Events, filtered per caller. */
export const eventsModule: RoutesPlugin = async (app) => {
  await app.register(eventRoutes);
};
