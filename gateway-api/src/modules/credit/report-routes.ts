import { Type } from '@sinclair/typebox';
import { canonicalHash, type GeneratedReport } from '@citytrust/domain';
import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { hasRole } from '../../auth/caller';
import { Problem } from '../../shared/problem';
import { CreditCode, Hash, Id, Instant, problems, Token } from '../../shared/schemas';
import { submitAccess } from '../authorizations/access-service';

export const CreditReportSchema = Type.Object(
  {
    subject: Type.String(),
    generatedAt: Type.String(),
    txId: Type.String(),
    records: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          category: Type.String(),
          severity: Type.String(),
          title: Type.String(),
          authority: Type.String(),
          decisionHash: Type.String(),
          effectiveAt: Type.String(),
          publicUntil: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: true },
      ),
    ),
    summary: Type.Object(
      {
        public: Type.Integer(),
        adverse: Type.Integer(),
        positive: Type.Integer(),
      },
      { additionalProperties: true },
    ),
  },
  {
    // Served exactly as hashed: a field added by the ledger must not be dropped on the way out.
    additionalProperties: true,
    description: 'computed from ledger state at generatedAt; its canonical hash is anchored',
  },
);

/**
 * The credit report of an enterprise, for the enterprise itself or for a REQUESTER through a
 * `credit-report` authorization from it. Every report is anchored (its hash on the ledger, so
 * a bank can verify it later); a requester's read is an access event in the trail, and a
 * denied one is recorded too.
 */
export const creditReportRoutes: RoutesPlugin = async (app) => {
  app.get(
    '/v1/enterprises/:subject/credit-report',
    {
      schema: {
        tags: ['credit'],
        summary:
          'Generate and anchor a credit report (the enterprise, or a REQUESTER with an authorization)',
        params: Type.Object({ subject: CreditCode }),
        querystring: Type.Object(
          { authorizationId: Type.Optional(Id), purpose: Type.Optional(Token) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            report: CreditReportSchema,
            reportHash: Hash,
            anchoredAt: Instant,
            txId: Type.String(),
            blockNumber: Type.Integer({ minimum: 0 }),
            access: Type.Optional(
              Type.Object({
                authorizationId: Type.String(),
                eventId: Type.String(),
                eventHash: Type.Optional(Type.String()),
                requestHash: Hash,
              }),
            ),
          }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { subject } = request.params;
      const { authorizationId, purpose } = request.query;
      const itself = hasRole(caller, 'ENTERPRISE') && caller.org.creditCode === subject;
      if (itself) {
        const { result, blockNumber } = await app.ledger.submit({
          org: caller.org.id,
          fn: 'credit:generateReport',
          args: { subject },
        });
        const generated = result;
        return { ...pick(generated), blockNumber };
      }
      if (!hasRole(caller, 'REQUESTER') || authorizationId === undefined)
        throw new Problem('forbidden', `${caller.org.id} needs an authorization from ${subject}`);
      if (purpose === undefined)
        throw new Problem('validation', 'purpose comes with an authorizationId');
      // What was asked, by whom, in which request: its hash is the access event's requestHash.
      const requestHash = canonicalHash({
        method: 'GET',
        path: `/v1/enterprises/${subject}/credit-report`,
        subject,
        authorizationId,
        purpose,
        requester: caller.org.id,
        requestId: request.id,
      });
      const { outcome, submitted } = await submitAccess(app, {
        org: caller.org.id,
        fn: 'credit:generateReport',
        args: { subject, authorizationId, purpose, requestHash },
      });
      const generated = submitted.result;
      return {
        ...pick(generated),
        blockNumber: submitted.blockNumber,
        access: {
          authorizationId,
          eventId: outcome?.eventId ?? submitted.txId,
          ...(outcome ? { eventHash: outcome.eventHash } : {}),
          requestHash,
        },
      };
    },
  );
};

/** The report a read was allowed; a denied read was already turned into its problem. */
function pick(generated: GeneratedReport) {
  if (!generated.allowed) throw new Error('a denied report read reached the answer');
  const { report, reportHash, anchoredAt, txId } = generated;
  return { report, reportHash, anchoredAt, txId };
}
