import type { RoutesPlugin } from '../../shared/type-provider';
import { authorizationAccessRoutes } from './access-routes';
import { auditRoutes } from './audit-routes';
import { authorizationRoutes } from './authorization-routes';
import { forgetRoutes } from './forget-routes';

/** Data-access authorizations, every use on the trail, its audit, and forgetting a subject. */
export const authorizationsModule: RoutesPlugin = async (app) => {
  await app.register(authorizationRoutes);
  await app.register(authorizationAccessRoutes);
  await app.register(auditRoutes);
  await app.register(forgetRoutes);
};
