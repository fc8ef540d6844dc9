import type { RoutesPlugin } from '../../shared/type-provider';
import { creditRecordRoutes } from './record-routes';
import { creditReportRoutes } from './report-routes';
import { verifyCreditReportRoutes } from './verify-report-routes';
import { creditWorkflowRoutes } from './workflow-routes';

/**
 * Credit supervision: records on enterprises, objections and repair, and the credit report a
 * bank reads through an authorization (see the authorizations module) and verifies.
 */
export const creditModule: RoutesPlugin = async (app) => {
  await app.register(creditRecordRoutes);
  await app.register(creditWorkflowRoutes);
  await app.register(creditReportRoutes);
  await app.register(verifyCreditReportRoutes);
};
