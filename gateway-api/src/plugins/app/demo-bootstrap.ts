import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bootstrapDemo, GOVERNANCE_ORG } from './demo-consortium';

export async function registryIsEmpty(app: FastifyInstance): Promise<boolean> {
  await app.ledger.enroll(GOVERNANCE_ORG);
  const orgs = await app.ledger.evaluate({ org: GOVERNANCE_ORG, fn: 'registry:listOrganizations' });
  return Array.isArray(orgs) && orgs.length === 0;
}

/**
 * `HUB_BOOTSTRAP=demo`: on a hub that has handed out no API key yet, or whose ledger starts
 * empty (Hardhat's in-process chain), creates the demo consortium, and its keys file when
 * there are no keys yet; a later start on a persistent ledger reuses the data dir as it is.
 */
export const demoBootstrapPlugin = fp(
  async (app: FastifyInstance) => {
    if (app.apiKeys.size > 0 && !(await registryIsEmpty(app))) return;
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
  { name: 'demo-bootstrap', dependencies: ['config', 'ledger', 'auth', 'registry-services'] },
);
