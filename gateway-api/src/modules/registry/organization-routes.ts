import type { RoutesPlugin } from '../../shared/type-provider';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../../plugins/infrastructure/auth';
import { ROLES } from '../../auth/caller';
import {
  StringEnum,
  CreditCode,
  Id,
  LedgerCoordinates,
  Page,
  pageOf,
  problems,
  Text,
} from '../../shared/schemas';
import { paginate } from '../../shared/pagination';

const Role = StringEnum(ROLES);
const Roles = Type.Array(Role, { minItems: 1, maxItems: ROLES.length, uniqueItems: true });

export const OrganizationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  registeredAt: Type.String(),
  updatedAt: Type.String(),
});

/** The registry of organizations: anyone with a key reads it, GOVERNANCE changes it. */
export const organizationRoutes: RoutesPlugin = async (app) => {
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
    async (request) => {
      const caller = request.caller?.org.id as string;
      const all = await app.ledger.evaluate({
        org: caller,
        fn: 'registry:listOrganizations',
      });
      return paginate(all, (org) => org.id, request.query);
    },
  );

  app.post(
    '/v1/orgs',
    {
      config: { idempotent: true },
      schema: {
        tags: ['registry'],
        summary: 'Register an organization (GOVERNANCE); answers its first API key, once',
        body: Type.Object(
          { id: Id, name: Text(200), roles: Roles, creditCode: Type.Optional(CreditCode) },
          { additionalProperties: false },
        ),
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
      const caller = requireRole(request, 'GOVERNANCE');
      await app.ledger.enroll(request.body.id);
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'registry:registerOrganization',
        args: request.body,
      });
      const { [request.body.id]: apiKey } = await app.apiKeys.issue([request.body.id]);
      if (apiKey === undefined) throw new Error(`no API key was issued to ${request.body.id}`);
      return reply.code(201).send({
        ...result,
        apiKey,
        txId,
        blockNumber,
      });
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
        body: Type.Object(
          { roles: Roles, creditCode: Type.Optional(CreditCode) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ ...OrganizationSchema.properties, ...LedgerCoordinates }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const caller = requireRole(request, 'GOVERNANCE');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'registry:setRoles',
        args: { id: request.params.id, ...request.body },
      });
      app.forgetOrganization(request.params.id);
      return { ...result, txId, blockNumber };
    },
  );
};
