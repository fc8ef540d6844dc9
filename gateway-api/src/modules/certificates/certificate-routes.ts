import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import { pageOf, problems } from '../../shared/schemas';
import type { CertificateServices } from './certificate-services';
import { certificateHistory, changeStatus, readCertificate } from './certificate-records';
import { issueCertificate, renewCertificate } from './issuance';
import {
  AtQuery,
  CertificateRecord,
  ChangeAnswer,
  ChangeBody,
  HistoryEntry,
  HistoryQuery,
  IdParams,
  Issued,
  IssueBody,
  RenewBody,
  Renewed,
} from './schemas';

/** One route per status change, with its summary. */
const CHANGES = [
  ['suspend', 'Suspend a certificate (its issuer)'],
  ['reinstate', 'Reinstate a suspended certificate (its issuer)'],
  ['revoke', 'Revoke a certificate for good (its issuer)'],
] as const;

/**
 * E-certificates one at a time: issue, read (now or at a past time), history, suspend,
 * reinstate, revoke, renew. The holder reaches the ledger only as a salted reference; the
 * document handed back is a signed W3C credential whose anchor proof names the transaction.
 */
export const singleCertificateRoutes: RoutesPlugin<{ services: CertificateServices }> = async (
  app,
  { services },
) => {
  app.post(
    '/v1/certificates',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: 'Issue a certificate (an ISSUER of its type)',
        body: IssueBody,
        response: { 201: Issued, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ISSUER');
      const answer = await issueCertificate(services, caller.org.id, request.body);
      return reply.code(201).send(answer);
    },
  );

  app.get(
    '/v1/certificates/:id',
    {
      schema: {
        tags: ['certificates'],
        summary: 'A certificate with its status now, or at `at`',
        params: IdParams,
        querystring: AtQuery,
        response: { 200: CertificateRecord, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const caller = request.caller?.org.id as string;
      return readCertificate(services.ledger, caller, request.params.id, request.query.at);
    },
  );

  app.get(
    '/v1/certificates/:id/history',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Every recorded state of a certificate, oldest first, with its transaction',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: pageOf(HistoryEntry), ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const caller = request.caller?.org.id as string;
      return certificateHistory(services.ledger, caller, request.params.id, request.query);
    },
  );

  for (const [change, summary] of CHANGES)
    app.post(
      `/v1/certificates/:id/${change}`,
      {
        config: { idempotent: true },
        schema: {
          tags: ['certificates'],
          summary,
          params: IdParams,
          body: ChangeBody,
          response: { 200: ChangeAnswer, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const caller = requireRole(request, 'ISSUER');
        return changeStatus(services.ledger, caller.org.id, change, {
          id: request.params.id,
          reason: request.body.reason,
        });
      },
    );

  app.post(
    '/v1/certificates/:id/renew',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: 'Issue a new certificate that supersedes this one (its issuer)',
        params: IdParams,
        body: RenewBody,
        response: { 201: Renewed, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ISSUER');
      const answer = await renewCertificate(
        services,
        caller.org.id,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(answer);
    },
  );
};
