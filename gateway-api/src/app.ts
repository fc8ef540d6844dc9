import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from './schemas/type-provider';
import { randomUUID } from 'node:crypto';
import type { HubConfig } from './config';
import { configPlugin } from './plugins/config';
import { problemsPlugin } from './plugins/problems';
import { metricsPlugin } from './plugins/metrics';
import { ledgerPlugin, type LedgerOpener } from './plugins/ledger';
import { authPlugin } from './plugins/auth';
import { idempotencyPlugin } from './plugins/idempotency';
import { securityPlugin } from './plugins/security';
import { openapiPlugin } from './plugins/openapi';
import { bootstrapPlugin } from './plugins/bootstrap';
import { eventsPlugin } from './plugins/events';
import { Problem as ProblemSchema } from './schemas/common';
import { buildValidator } from './schemas/validators';
import { assertFiniteNumbers } from './schemas/finite-numbers';
import { healthRoutes } from './routes/health';
import { ledgerRoutes } from './routes/ledger';
import { orgRoutes } from './routes/orgs';
import { certificateRoutes } from './routes/certificate-routes';
import { creditAndAuthorizationRoutes } from './routes/credit';
import { eventRoutes } from './routes/events';
import { webhookRoutes } from './routes/webhooks';

export interface BuildOptions {
  /** Opens the ledger connector for `config.ledger` (see `ledgers/open-ledger.ts`). */
  readonly openLedger: LedgerOpener;
  /** Log to stdout (the server) or not at all (tests that use `inject`). */
  readonly logger?: boolean;
}

/**
 * Builds the hub's fastify app; `server.ts` is what listens. Everything is a plugin: config,
 * problems (errors), metrics, ledger, auth, idempotency, security, OpenAPI, then the routes.
 */
export async function buildApp(config: HubConfig, options: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Keys and bodies never reach the log; request ids tie lines together.
            redact: ['req.headers.authorization', 'req.headers["idempotency-key"]'],
          },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    schemaController: { compilersFactory: { buildValidator } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ProblemSchema);
  app.addHook('preValidation', async (request) => assertFiniteNumbers(request.body));
  // Once closing, answers end their connection: a kept-alive one would hold the stop for the
  // whole keep-alive timeout (72 s) after the last in-flight write has been answered.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  await app.register(configPlugin, { config });
  await app.register(problemsPlugin);
  await app.register(metricsPlugin);
  await app.register(openapiPlugin);
  await app.register(ledgerPlugin, { open: options.openLedger });
  // Rate limits and headers first: unauthenticated callers are counted too.
  await app.register(securityPlugin);
  await app.register(authPlugin);
  await app.register(idempotencyPlugin);
  await app.register(bootstrapPlugin);
  await app.register(eventsPlugin);
  await app.register(healthRoutes);
  await app.register(ledgerRoutes);
  await app.register(orgRoutes);
  await app.register(certificateRoutes);
  await app.register(creditAndAuthorizationRoutes);
  await app.register(eventRoutes);
  await app.register(webhookRoutes);
  return app;
}
