import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from './shared/type-provider';
import { randomUUID } from 'node:crypto';
import type { HubConfig } from './config';
import { configPlugin } from './plugins/infrastructure/config';
import { problemsPlugin } from './plugins/infrastructure/problems';
import { metricsPlugin } from './plugins/infrastructure/metrics';
import { ledgerPlugin, type LedgerOpener } from './plugins/infrastructure/ledger';
import { authPlugin } from './plugins/infrastructure/auth';
import { idempotencyPlugin } from './plugins/infrastructure/idempotency';
import { securityPlugin } from './plugins/infrastructure/security';
import { openapiPlugin } from './plugins/infrastructure/openapi';
import { demoBootstrapPlugin } from './plugins/app/demo-bootstrap';
import { emptyRegistryWarningPlugin } from './plugins/app/empty-registry-warning';
import { eventsPlugin } from './plugins/app/event-streams';
import { registryServicesPlugin } from './plugins/app/registry-services';
import { Problem as ProblemSchema } from './shared/schemas';
import { buildValidator } from './shared/validators';
import { assertFiniteNumbers } from './shared/finite-numbers';
import { operationsModule } from './modules/operations';
import { registryModule } from './modules/registry';
import { certificatesModule } from './modules/certificates';
import { creditModule } from './modules/credit';
import { authorizationsModule } from './modules/authorizations';
import { eventsModule } from './modules/events';
import { webhooksModule } from './modules/webhooks';

export interface BuildOptions {
  /** Opens the ledger connector for `config.ledger` (see `ledgers/open-ledger.ts`). */
  readonly openLedger: LedgerOpener;
  /** Log to stdout (the server) or not at all (tests that use `inject`). */
  readonly logger?: boolean;
}

/**
 * Builds the hub's fastify app; `server.ts` is what listens. Everything is a plugin: the
 * infrastructure (config, problems, metrics, OpenAPI, ledger, security, auth, idempotency), the
 * app's own (registry services, bootstrap, event streams), then one plugin per module.
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
  app.addHook('preValidation', async (request) => {
    assertFiniteNumbers(request.body);
  });
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
  await app.register(registryServicesPlugin);
  await app.register(
    config.bootstrap === 'demo' ? demoBootstrapPlugin : emptyRegistryWarningPlugin,
  );
  await app.register(eventsPlugin);
  await app.register(operationsModule);
  await app.register(registryModule);
  await app.register(certificatesModule);
  await app.register(creditModule);
  await app.register(authorizationsModule);
  await app.register(eventsModule);
  await app.register(webhooksModule);
  return app;
}
