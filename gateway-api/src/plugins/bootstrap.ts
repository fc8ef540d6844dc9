import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bootstrapDemo } from '../bootstrap/demo-consortium';
import { SchemaStore } from '../certificates/schema-store';

declare module 'fastify' {
  interface FastifyInstance {
    schemas: SchemaStore;
  }
}

/**
 * On a hub that has handed out no API key yet and `HUB_BOOTSTRAP=demo`, creates the demo
 * consortium and its keys file; a later start reuses the data dir as it is.
 */
export const bootstrapPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('schemas', new SchemaStore(app.config.dataDir));
    if (app.apiKeys.size > 0) return;
    if (app.config.bootstrap === 'none') {
      app.log.warn('no API key exists and HUB_BOOTSTRAP=none: nobody can call the API yet');
      return;
    }
    const keysFile = await bootstrapDemo(
      app.ledger,
      app.apiKeys,
      app.schemas,
      app.config.dataDir,
      app.log,
    );
    app.log.info({ keysFile }, `API keys of the demo organizations are in ${keysFile}`);
  },
  { name: 'bootstrap', dependencies: ['config', 'ledger', 'auth'] },
);
