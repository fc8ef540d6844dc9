import { MAX_VALIDITY_DAYS } from '@citytrust/domain';
import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import {
  Hash,
  Id,
  LedgerCoordinates,
  Page,
  pageOf,
  problems,
  Text,
  Token,
} from '../../shared/schemas';
import { paginate } from '../../shared/pagination';
import { forgetCertificateType } from './certificate-types';

const JsonSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: "JSON Schema (draft-07) of the certificates' claims",
});

const MaxValidityDays = Type.Union(
  [Type.Integer({ minimum: 1, maximum: MAX_VALIDITY_DAYS }), Type.Null()],
  {
    description: 'longest validity its certificates may have, in days; null: no limit',
  },
);

const CertificateTypeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  schema: Type.Union([JsonSchema, Type.Null()], {
    description: 'null when this hub does not hold the schema the ledger names',
  }),
  schemaHash: Hash,
  issuers: Type.Array(Type.String()),
  maxValidityDays: MaxValidityDays,
  definedAt: Type.String(),
  updatedAt: Type.String(),
});

/**
 * Certificate types: anyone with a key lists them, GOVERNANCE defines them. The claims schema is
 * kept by the gateway, content-addressed; the ledger keeps its hash.
 */
export const certificateTypeRoutes: RoutesPlugin = async (app) => {
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
    async (request) => {
      const caller = request.caller?.org.id as string;
      const all = await app.ledger.evaluate({
        org: caller,
        fn: 'registry:listCertificateTypes',
      });
      const page = paginate(all, (type) => type.id, request.query);
      const items = await Promise.all(
        page.items.map(async (type) => ({
          ...type,
          maxValidityDays: type.maxValidityDays ?? null,
          schema: (await app.schemas.get(type.schemaHash)) ?? null,
        })),
      );
      return { items, nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/certificate-types',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: 'Define a certificate type (GOVERNANCE)',
        body: Type.Object(
          {
            id: Token,
            name: Text(200),
            schema: JsonSchema,
            issuers: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ...CertificateTypeSchema.properties, ...LedgerCoordinates }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'GOVERNANCE');
      const { id, name, schema, issuers } = request.body;
      app.claims.assertUsable(schema);
      const schemaHash = await app.schemas.put(schema);
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'registry:defineCertificateType',
        args: { id, name, schemaHash, issuers },
      });
      return reply.code(201).send({ ...result, maxValidityDays: null, schema, txId, blockNumber });
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
        response: {
          200: Type.Object({ ...CertificateTypeSchema.properties, ...LedgerCoordinates }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const caller = requireRole(request, 'GOVERNANCE');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'registry:setCertificateTypeMaxValidity',
        args: { id: request.params.id, maxValidityDays: request.body.maxValidityDays },
      });
      forgetCertificateType(app, request.params.id);
      return {
        ...result,
        maxValidityDays: result.maxValidityDays ?? null,
        schema: (await app.schemas.get(result.schemaHash)) ?? null,
        txId,
        blockNumber,
      };
    },
  );
};
