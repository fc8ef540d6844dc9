import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { problems } from '../../shared/schemas';
import { generateReport } from './report-service';
import { GeneratedReportAnswer, ReportQuery, SubjectParams } from './schemas';

/**
 * The credit report of an enterprise, for the enterprise itself or for a REQUESTER through a
 * `credit-report` authorization from it (see `report-service.ts`).
 */
export const creditReportRoutes: RoutesPlugin = async (app) => {
  app.get(
    '/v1/enterprises/:subject/credit-report',
    {
      schema: {
        tags: ['credit'],
        summary:
          'Generate and anchor a credit report (the enterprise, or a REQUESTER with an authorization)',
        params: SubjectParams,
        querystring: ReportQuery,
        response: { 200: GeneratedReportAnswer, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      generateReport(app.ledger, callerOf(request), {
        subject: request.params.subject,
        ...request.query,
        requestId: request.id,
      }),
  );
};
