import type { RoutesPlugin } from '../../shared/type-provider';
import { certificateTypeRoutes } from './certificate-type-routes';
import { organizationRoutes } from './organization-routes';

/** Who belongs and what they may do: organizations and roles, certificate types. */
export const registryModule: RoutesPlugin = async (app) => {
  await app.register(organizationRoutes);
  await app.register(certificateTypeRoutes);
};
