import type { RoutesPlugin } from '../../shared/type-provider';
import { certificateTypeRoutes } from './certificate-type-routes';
import { organizationRoutes } from './organization-routes';
import { RegistryService } from './registry-service';

/** Who belongs and what they may do: organizations and roles, certificate types. */
export const registryModule: RoutesPlugin = async (app) => {
  const registry = new RegistryService({
    ledger: app.ledger,
    apiKeys: app.apiKeys,
    schemas: app.schemas,
    claims: app.claims,
    forgetOrganization: (orgId) => {
      app.forgetOrganization(orgId);
    },
    forgetCertificateType: (typeId) => {
      app.certificateTypes.forget(typeId);
    },
  });
  await app.register(organizationRoutes, { registry });
  await app.register(certificateTypeRoutes, { registry });
};
