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

const JsonSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: "JSON Schema (draft-07) of the certificates' claims",
});

const CertificateTypeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  schema: Type.Union([JsonSchema, Type.Null()], {
    description: 'null when this hub does not hold the schema the ledger names',
  }),
  schemaHash: Hash,
  issuers: Type.Array(Type.String()),
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
      return reply.code(201).send({ ...result, schema, txId, blockNumber });
    },
  );
};
