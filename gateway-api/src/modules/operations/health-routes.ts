import type { RoutesPlugin } from '../../shared/type-provider';
import { Type } from '@sinclair/typebox';
import { Problem } from '../../shared/problem';
import { problems } from '../../shared/schemas';

/** Liveness (the process answers) and readiness (the ledger answers too). */
export const healthRoutes: RoutesPlugin = async (app) => {
  app.get(
    '/healthz',
    {
      config: { public: true, unlimited: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { public: true, unlimited: true },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the ledger answers',
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            backend: Type.String(),
            height: Type.Integer(),
          }),
          ...problems(503),
        },
      },
    },
    async () => {
      const status = await app.ledger.status().catch((error: unknown) => {
        app.log.warn({ err: error }, 'readiness: the ledger does not answer');
        throw new Problem('ledger-unavailable', 'the ledger does not answer');
      });
      return { status: 'ready' as const, backend: status.backend, height: status.height };
    },
  );
};
