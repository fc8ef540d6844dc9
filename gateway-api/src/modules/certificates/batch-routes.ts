import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import { problems } from '../../shared/schemas';
import { issueBatch } from './batch-issuance';
import type { CertificateServices } from './certificate-services';
import { BatchIssueBody, BatchIssued } from './schemas';

/**
 * Issues up to `maxBatch` certificates of one type at once: each is signed as its own credential,
 * and one transaction anchors the Merkle root of their documents. Member `<batchId>~<index>`'s
 * credential carries its Merkle proof.
 */
export const certificateBatchRoutes: RoutesPlugin<{ services: CertificateServices }> = async (
  app,
  { services },
) => {
  app.post(
    '/v1/certificates/batch',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: `Issue up to ${app.config.maxBatch} certificates of one type, anchored by one Merkle root`,
        body: BatchIssueBody(app.config.maxBatch),
        response: { 201: BatchIssued, ...problems(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ISSUER');
      const answer = await issueBatch(services, caller.org.id, request.body);
      return reply.code(201).send(answer);
    },
  );
};
