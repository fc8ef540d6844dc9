import type { RoutesPlugin } from '../../shared/type-provider';
import { healthRoutes } from './health-routes';
import { ledgerRoutes } from './ledger-routes';

/** What operators and load balancers ask: health, readiness and the ledger's status. */
export const operationsModule: RoutesPlugin = async (app) => {
  await app.register(healthRoutes);
  await app.register(ledgerRoutes);
};
