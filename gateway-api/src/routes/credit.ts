import type { RoutesPlugin } from '../schemas/type-provider';
import { auditRoutes } from './audit';
import { authorizationAccessRoutes } from './authorization-access';
import { authorizationRoutes } from './authorizations';
import { creditRecordRoutes } from './credit-records';
import { creditReportRoutes } from './credit-report';
import { creditWorkflowRoutes } from './credit-workflows';
import { subjectRoutes } from './subjects';
import { verifyCreditReportRoutes } from './verify-credit-report';

/**
 * Credit supervision and data-access authorization (one mechanism: a bank reads a credit report
 * through an authorization), their audit and forgetting, as one registration for `app.ts`.
 */
export const creditAndAuthorizationRoutes: RoutesPlugin = async (app) => {
  await app.register(creditRecordRoutes);
  await app.register(creditWorkflowRoutes);
  await app.register(creditReportRoutes);
  await app.register(verifyCreditReportRoutes);
  await app.register(authorizationRoutes);
  await app.register(authorizationAccessRoutes);
  await app.register(auditRoutes);
  await app.register(subjectRoutes);
};
