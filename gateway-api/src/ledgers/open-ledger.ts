import type { FastifyBaseLogger } from 'fastify';
import type { HubConfig } from '../config';
import { BatchDocuments } from '../modules/certificates/batch-documents';
import { FileKeychain } from '../keychain/file-keychain';
import type { OpenedLedger } from '../plugins/infrastructure/ledger';
import { createLedgerPlugins } from './plugin-registry';

/**
 * The keychain in the data dir, and the configured backend's connector, both held in one
 * Cactus plugin registry; and the batches' documents, which the EVM contracts ask of a
 * member at its first change.
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
  const batchDocuments = await BatchDocuments.open(config.dataDir);
  const { ledger, registry } = await createLedgerPlugins({
    backend: config.ledger,
    dataDir: config.dataDir,
    keychain,
    logger: log,
    batchMembers: (id) => batchDocuments.member(id),
  });
  log.info(
    {
      backend: ledger.backend,
      plugins: registry.getPlugins().map((plugin) => plugin.getPackageName()),
    },
    'ledger connector ready',
  );
  return { ledger, keychain, batchDocuments };
}
