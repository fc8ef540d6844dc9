import type { FastifyBaseLogger } from 'fastify';
import type { HubConfig } from '../config';
import { FileKeychain } from '../keychain/file-keychain';
import type { OpenedLedger } from '../plugins/ledger';
import { createLedgerPlugins } from './plugin-registry';

/**
 * The keychain in the data dir, and the configured backend's connector, both held in one
 * Cactus plugin registry.
 */
export async function openLedger(config: HubConfig, log: FastifyBaseLogger): Promise<OpenedLedger> {
  const { keychain, usesLocalMasterKey, masterKeyCreated } = await FileKeychain.open({
    dataDir: config.dataDir,
    ...(config.keychainSecret ? { secret: config.keychainSecret } : {}),
  });
  if (usesLocalMasterKey)
    log.warn(
      { masterKeyCreated },
      'the keychain is encrypted under a key file in the data dir; set HUB_KEYCHAIN_SECRET in production',
    );
  const { ledger, registry } = await createLedgerPlugins({
    backend: config.ledger,
    dataDir: config.dataDir,
    keychain,
    logger: log,
  });
  log.info(
    {
      backend: ledger.backend,
      plugins: registry.getPlugins().map((plugin) => plugin.getPackageName()),
    },
    'ledger connector ready',
  );
  return { ledger, keychain };
}
