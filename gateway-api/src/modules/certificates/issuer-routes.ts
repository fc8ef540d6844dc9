import { Type } from '@sinclair/typebox';
import type { IssuerKeys } from './issuer-keys';
import type { RoutesPlugin } from '../../shared/type-provider';
import { problems } from '../../shared/schemas';

const Issuer = Type.Object({
  id: Type.String({ description: 'organization id' }),
  name: Type.String(),
  did: Type.String({ description: "the did:key its credentials' signatures verify under" }),
});

/**
 * The trust list a verifier needs to check a credential's issuer offline: each ISSUER
 * organization that has signed credentials, with its did:key. Public, as verification is.
 */
export const issuerRoutes: RoutesPlugin<{ issuerKeys: IssuerKeys }> = async (app, options) => {
  app.get(
    '/v1/issuers',
    {
      config: { public: true },
      schema: {
        tags: ['verify'],
        summary: 'Issuing organizations and the did:key their credentials are signed with',
        security: [],
        response: { 200: Type.Object({ items: Type.Array(Issuer) }), ...problems(503) },
      },
    },
    async () => {
      const orgs = await app.ledger.evaluate({
        org: app.config.readerOrg,
        fn: 'registry:listOrganizations',
      });
      const items = [];
      for (const org of orgs.filter((each) => each.roles.includes('ISSUER'))) {
        const key = await options.issuerKeys.find(org.id);
        if (key) items.push({ id: org.id, name: org.name, did: key.did });
      }
      return { items: items.sort((a, b) => (a.id < b.id ? -1 : 1)) };
    },
  );
};
