import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { problems } from '../../shared/schemas';
import { readTrail, recordAccess } from './access-service';
import { IdParams, NewAccess, RecordedAccess, Trail } from './schemas';

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
        body: NewAccess,
        response: { 201: RecordedAccess, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { outcome, submitted } = await recordAccess(
        app.ledger,
        callerOf(request),
        request.body,
      );
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
        params: IdParams,
        response: { 200: Trail, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readTrail(app.ledger, callerOf(request), request.params.id),
  );
};
