import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { pageOf, problems } from '../../shared/schemas';
import {
  createAuthorization,
  listAuthorizations,
  readAuthorization,
  revokeAuthorization,
} from './authorization-service';
import {
  AuthorizationSchema,
  AuthorizationsQuery,
  IdParams,
  NewAuthorization,
  Revocation,
  WrittenAuthorization,
} from './schemas';

/** Data-access authorizations: granted on consent, read by their parties, revoked by their creator. */
export const authorizationRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/authorizations',
    {
      config: { idempotent: true },
      schema: {
        tags: ['authorizations'],
        summary: 'Authorize a REQUESTER to use data (DATA_HOLDER on consent, or the enterprise)',
        body: NewAuthorization,
        response: { 201: WrittenAuthorization, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { result, txId, blockNumber } = await createAuthorization(
        app.ledger,
        callerOf(request),
        request.body,
      );
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/authorizations/:id',
    {
      schema: {
        tags: ['authorizations'],
        summary: 'One authorization with its status and use (its creator, grantee, AUDITOR)',
        params: IdParams,
        response: { 200: AuthorizationSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readAuthorization(app.ledger, callerOf(request), request.params.id),
  );

  app.get(
    '/v1/authorizations',
    {
      schema: {
        tags: ['authorizations'],
        summary: 'The authorizations the caller may read, by subject, grantee and status',
        querystring: AuthorizationsQuery,
        response: { 200: pageOf(AuthorizationSchema), ...problems(400, 401) },
      },
    },
    async (request) => listAuthorizations(app.ledger, callerOf(request), request.query),
  );

  app.post(
    '/v1/authorizations/:id/revoke',
    {
      config: { idempotent: true },
      schema: {
        tags: ['authorizations'],
        summary: 'Revoke an authorization (its creator, or the subject enterprise); final',
        params: IdParams,
        body: Revocation,
        response: { 200: WrittenAuthorization, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { result, txId, blockNumber } = await revokeAuthorization(
        app.ledger,
        callerOf(request),
        request.params.id,
        request.body.reason,
      );
      return { ...result, txId, blockNumber };
    },
  );
};
