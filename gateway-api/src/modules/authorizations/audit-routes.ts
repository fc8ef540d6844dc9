import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { problems } from '../../shared/schemas';
import { verifyTrail } from './audit-service';
import { TrailAudit, TrailAuditRequest } from './schemas';

/** Third-party audit of data use: the ledger recomputes the trails and re-checks the terms. */
export const auditRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/audit/verify-trail',
    {
      schema: {
        tags: ['audit'],
        summary: "Verify one authorization's trail, or a grantee's trails over a period (AUDITOR)",
        body: TrailAuditRequest,
        response: { 200: TrailAudit, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => verifyTrail(app.ledger, callerOf(request), request.body),
  );
};
