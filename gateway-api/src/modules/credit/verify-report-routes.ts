import type { RoutesPlugin } from '../../shared/type-provider';
import { problems } from '../../shared/schemas';
import { verifyReport } from './report-service';
import { ReportVerification, VerifyReportBody } from './schemas';

/** Anyone may check a credit report they were shown against its ledger anchor. */
export const verifyCreditReportRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/verify/credit-report',
    {
      config: { public: true },
      schema: {
        tags: ['verify'],
        summary: 'Verify a credit report against its ledger anchor (no key needed)',
        body: VerifyReportBody,
        response: { 200: ReportVerification, ...problems(400) },
      },
    },
    async (request) => verifyReport(app.ledger, app.config.readerOrg, request.body.report),
  );
};
