import { Type } from '@sinclair/typebox';
import { callerOf, requireRole } from '../../plugins/infrastructure/auth';
import { LedgerCoordinates, Page, pageOf, problems, Token } from '../../shared/schemas';
import type { RoutesPlugin } from '../../shared/type-provider';
import type { RegistryService } from './registry-service';
import { CertificateTypeSchema, DefineCertificateTypeBody, MaxValidityDays } from './schemas';

const WrittenType = Type.Object({ ...CertificateTypeSchema.properties, ...LedgerCoordinates });

/**
 * Certificate types: anyone with a key lists them, GOVERNANCE defines them. The claims schema is
 * kept by the gateway, content-addressed; the ledger keeps its hash.
 */
export const certificateTypeRoutes: RoutesPlugin<{ registry: RegistryService }> = async (
  app,
  { registry },
) => {
  app.get(
    '/v1/certificate-types',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Certificate types, their claims schema and issuers',
        querystring: Type.Object(Page, { additionalProperties: false }),
        response: { 200: pageOf(CertificateTypeSchema), ...problems(400, 401) },
      },
    },
    async (request) => registry.listCertificateTypes(callerOf(request).org.id, request.query),
  );

  app.post(
    '/v1/certificate-types',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: 'Define a certificate type (GOVERNANCE)',
        body: DefineCertificateTypeBody,
        response: { 201: WrittenType, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      // Checked here too: the claims schema is stored before the ledger sees the call.
      const caller = requireRole(request, 'GOVERNANCE');
      return reply
        .code(201)
        .send(await registry.defineCertificateType(caller.org.id, request.body));
    },
  );

  app.put(
    '/v1/certificate-types/:id/max-validity',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: "Set or lift the longest validity of a type's certificates (GOVERNANCE)",
        description:
          'From then on, issuing, batch anchoring and renewal need a validUntil at most this many days after validFrom.',
        params: Type.Object({ id: Token }),
        body: Type.Object({ maxValidityDays: MaxValidityDays }, { additionalProperties: false }),
        response: { 200: WrittenType, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      registry.setMaxValidity(
        callerOf(request).org.id,
        request.params.id,
        request.body.maxValidityDays,
      ),
  );
};
