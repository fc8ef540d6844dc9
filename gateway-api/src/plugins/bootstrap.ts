import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bootstrapDemo, GOVERNANCE_ORG } from '../bootstrap/demo-consortium';
import { SchemaStore } from '../certificates/schema-store';

declare module 'fastify' {
  interface FastifyInstance {
    schemas: SchemaStore;
  }
}

async function registryIsEmpty(app: FastifyInstance): Promise<boolean> {
  await app.ledger.enroll(GOVERNANCE_ORG);
  const orgs = await app.ledger.evaluate({ org: GOVERNANCE_ORG, fn: 'registry:listOrganizations' });
  return Array.isArray(orgs) && orgs.length === 0;
}

/**
 * On a hub that has handed out no API key yet, or whose ledger starts empty (Hardhat's
 * in-process chain), and `HUB_BOOTSTRAP=demo`, creates the demo consortium, and its keys file
 * when there are no keys yet; a later start on a persistent ledger reuses the data dir as it is.
 */
export const bootstrapPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('schemas', new SchemaStore(app.config.dataDir));
    if (app.apiKeys.size > 0 && !(await registryIsEmpty(app))) return;
    if (app.config.bootstrap === 'none') {
      app.log.warn('the registry is empty and HUB_BOOTSTRAP=none: nobody can call the API yet');
      return;
    }
    const keysFile = await bootstrapDemo(
      app.ledger,
      app.apiKeys,
      app.schemas,
      app.config.dataDir,
      app.log,
    );
    if (keysFile)
      app.log.info({ keysFile }, `API keys of the demo organizations are in ${keysFile}`);
  },
  { name: 'bootstrap', dependencies: ['config', 'ledger', 'auth'] },
);
