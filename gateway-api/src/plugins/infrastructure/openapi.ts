import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The OpenAPI 3.1 document is generated from the route schemas (one schema per route), served
 * at `/openapi.json` and browsable at `/docs`.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'CityTrust Hub gateway API',
          version: '1.0.0',
          description:
            'E-certificates, credit records and data-access authorizations anchored on a ledger. Errors are application/problem+json (RFC 9457).',
        },
        servers: [{ url: app.config.publicUrl }],
        components: {
          securitySchemes: {
            apiKey: { type: 'http', scheme: 'bearer', description: 'an API key' },
          },
        },
        security: [{ apiKey: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
    app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
  },
  { name: 'openapi', dependencies: ['config'] },
);
