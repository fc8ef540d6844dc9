import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { registryIsEmpty } from './demo-bootstrap';

/** `HUB_BOOTSTRAP=none`: says so when nobody can call the API yet. */
export const emptyRegistryWarningPlugin = fp(
  async (app: FastifyInstance) => {
    if (app.apiKeys.size > 0 && !(await registryIsEmpty(app))) return;
    app.log.warn('the registry is empty and HUB_BOOTSTRAP=none: nobody can call the API yet');
  },
  { name: 'empty-registry-warning', dependencies: ['config', 'ledger', 'auth'] },
);
