import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf, requireRole } from '../../plugins/infrastructure/auth';
import { Hash, Id, LedgerCoordinates, problems, Token } from '../../shared/schemas';
import { submitAccess } from './access-service';
import { Operation, readAuthorization } from './authorization-routes';

export const AccessEventSchema = Type.Object({
  authorizationId: Type.String(),
  seq: Type.Integer({ minimum: 0, description: 'position in the trail, from 0' }),
  eventId: Type.String({ description: 'the transaction that recorded it' }),
  at: Type.String(),
  actor: Type.String(),
  category: Type.String(),
  purpose: Type.String(),
  operation: Type.String(),
  recordCount: Type.Integer(),
  requestHash: Type.String(),
  allowed: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why it was denied' }),
  prevHash: Type.String(),
  eventHash: Type.String({
    description: 'SHA-256 over the canonical JSON of every other field, prevHash included',
  }),
});

/** Every use of data is reported and recorded, allowed or denied; the trail is its chain. */
export const authorizationAccessRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/access-events',
    {
      config: { idempotent: true },
      schema: {
        tags: ['authorizations'],
        summary:
          'Report one use of data (the grantee); a denial is recorded and answered 403 authorization-denied',
        body: Type.Object(
          {
            authorizationId: Id,
            category: Token,
            purpose: Token,
            operation: Operation,
            recordCount: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
            requestHash: Hash,
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            allowed: Type.Literal(true),
            eventId: Type.String(),
            eventHash: Hash,
            seq: Type.Integer({ minimum: 0 }),
            ...LedgerCoordinates,
          }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      // Only requesters use data; a requester that is not the grantee is denied on the record.
      const caller = requireRole(request, 'REQUESTER');
      const { outcome, submitted } = await submitAccess(app, {
        org: caller.org.id,
        fn: 'authorizations:recordAccess',
        args: request.body,
      });
      if (!outcome) throw new Error('the ledger answered an access without its outcome');
      return reply.code(201).send({
        allowed: true as const,
        eventId: outcome.eventId,
        eventHash: outcome.eventHash,
        seq: outcome.seq,
        txId: submitted.txId,
        blockNumber: submitted.blockNumber,
      });
    },
  );

  app.get(
    '/v1/authorizations/:id/trail',
    {
      schema: {
        tags: ['authorizations'],
        summary: "An authorization's access events in order (its creator, grantee, AUDITOR)",
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            authorizationId: Type.String(),
            headHash: Type.String(),
            events: Type.Array(AccessEventSchema),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const authorization = await readAuthorization(app, caller, request.params.id);
      const events = await app.ledger.evaluate({
        org: caller.org.id,
        fn: 'authorizations:trail',
        args: { id: authorization.id },
      });
      return { authorizationId: authorization.id, headHash: authorization.headHash, events };
    },
  );
};
