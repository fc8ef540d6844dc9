import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import { withLedgerSeconds } from '../../shared/ledger-time';
import { Id, Instant, problems } from '../../shared/schemas';

const Violation = Type.Object(
  {
    authorizationId: Type.Optional(Type.String()),
    seq: Type.Integer(),
    eventId: Type.String(),
    problem: Type.String({
      description:
        'BROKEN_CHAIN, BAD_HASH, BAD_SEQUENCE, MISSING_EVENTS, or the rule an allowed event broke',
    }),
  },
  { additionalProperties: true },
);

/** Third-party audit of data use: the ledger recomputes the trails and re-checks the terms. */
export const auditRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/audit/verify-trail',
    {
      schema: {
        tags: ['audit'],
        summary: "Verify one authorization's trail, or a grantee's trails over a period (AUDITOR)",
        body: Type.Union([
          Type.Object(
            { authorizationId: Id },
            { additionalProperties: false, title: 'OneAuthorization' },
          ),
          Type.Object(
            { grantee: Id, from: Instant, to: Instant },
            { additionalProperties: false, title: 'GranteePeriod' },
          ),
        ]),
        response: {
          200: Type.Object({
            intact: Type.Boolean(),
            events: Type.Integer(),
            allowed: Type.Integer(),
            denied: Type.Integer(),
            violations: Type.Array(Violation),
            headHash: Type.Union([Type.String(), Type.Null()], {
              description:
                "the trail's head for one authorization; null for a grantee's period (see authorizations)",
            }),
            authorizationId: Type.Optional(Type.String()),
            authorizations: Type.Optional(
              Type.Array(
                Type.Object({ id: Type.String(), intact: Type.Boolean(), headHash: Type.String() }),
              ),
            ),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      // On the EVM anyone can recompute a trail off-chain; through the hub it is AUDITOR work.
      const caller = requireRole(request, 'AUDITOR');
      const audit = await app.ledger.evaluate({
        org: caller.org.id,
        fn: 'authorizations:verifyTrail',
        args:
          'grantee' in request.body
            ? withLedgerSeconds(request.body, ['from', 'to'])
            : request.body,
      });
      return { ...audit, headHash: 'headHash' in audit ? audit.headHash : null };
    },
  );
};
