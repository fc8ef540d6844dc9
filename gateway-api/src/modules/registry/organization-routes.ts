import { Type } from '@sinclair/typebox';
import { callerOf, requireRole } from '../../plugins/infrastructure/auth';
import { Id, LedgerCoordinates, Page, pageOf, problems } from '../../shared/schemas';
import type { RoutesPlugin } from '../../shared/type-provider';
import type { RegistryService } from './registry-service';
import { OrganizationSchema, RegisterOrganizationBody, SetRolesBody } from './schemas';

/** The registry of organizations: anyone with a key reads it, GOVERNANCE changes it. */
export const organizationRoutes: RoutesPlugin<{ registry: RegistryService }> = async (
  app,
  { registry },
) => {
  app.get(
    '/v1/orgs',
    {
      schema: {
        tags: ['registry'],
        summary: 'Organizations and their roles',
        querystring: Type.Object(Page, { additionalProperties: false }),
        response: { 200: pageOf(OrganizationSchema), ...problems(400, 401) },
      },
    },
    async (request) => registry.listOrganizations(callerOf(request).org.id, request.query),
  );

  app.post(
    '/v1/orgs',
    {
      config: { idempotent: true },
      schema: {
        tags: ['registry'],
        summary: 'Register an organization (GOVERNANCE); answers its first API key, once',
        body: RegisterOrganizationBody,
        response: {
          201: Type.Object({
            ...OrganizationSchema.properties,
            apiKey: Type.String(),
            ...LedgerCoordinates,
          }),
          ...problems(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      // Checked here too: the new organization's ledger identity is made before the ledger
      // sees the call.
      const caller = requireRole(request, 'GOVERNANCE');
      return reply.code(201).send(await registry.registerOrganization(caller.org.id, request.body));
    },
  );

  app.put(
    '/v1/orgs/:id/roles',
    {
      config: { idempotent: true },
      schema: {
        tags: ['registry'],
        summary: "Replace an organization's roles (GOVERNANCE)",
        params: Type.Object({ id: Id }),
        body: SetRolesBody,
        response: {
          200: Type.Object({ ...OrganizationSchema.properties, ...LedgerCoordinates }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => registry.setRoles(callerOf(request).org.id, request.params.id, request.body),
  );
};
