import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../../shared/type-provider';
import { problems } from '../../shared/schemas';
import type { IssuerKeys } from './issuer-keys';
import { verifyCertificate } from './online-verification';
import { CertificateRecord } from './schemas';

/**
 * Anyone verifies a certificate credential, without a key. A tampered or unknown credential is a
 * 200 answer with `valid: false` and the failed checks; only a body that is not `{credential}`
 * JSON is a 400.
 */
export const verifyCertificateRoutes: RoutesPlugin<{ issuerKeys: IssuerKeys }> = async (
  app,
  { issuerKeys },
) => {
  app.post(
    '/v1/verify/certificate',
    {
      config: { public: true },
      schema: {
        tags: ['verify'],
        summary: 'Verify a certificate credential: integrity, anchor, issuer, status (public)',
        body: Type.Object(
          { credential: Type.Record(Type.String(), Type.Unknown()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            valid: Type.Boolean(),
            status: Type.Union([Type.String(), Type.Null()]),
            checks: Type.Object({
              integrity: Type.Boolean(),
              anchored: Type.Boolean(),
              issuerAuthorized: Type.Boolean(),
              notExpired: Type.Boolean(),
              notRevoked: Type.Boolean(),
            }),
            certificate: Type.Union([CertificateRecord, Type.Null()]),
            errors: Type.Array(Type.String(), { description: 'why checks failed, for people' }),
          }),
          ...problems(400),
        },
      },
    },
    async (request) => verifyCertificate(app, issuerKeys, request.body.credential),
  );
};
