import type { IPluginKeychain } from '@hyperledger/cactus-core-api';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { HubConfig } from '../../config';
import type { BatchDocuments } from '../../modules/certificates/batch-documents';
import { LedgerRefusal, type HubLedger, type LedgerConnection } from '../../ledgers/hub-ledger';
import { typedLedger } from '../../ledgers/typed-ledger';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ledger, as the routes use it: typed calls, every submit measured. */
    ledger: HubLedger;
    /** The document hashes of the batches this gateway anchored. */
    batchDocuments: BatchDocuments;
    /** Where organizations' keys are kept (ledger identities, credential signing keys). */
    keychain: IPluginKeychain;
  }
}

export interface OpenedLedger {
  readonly ledger: LedgerConnection;
  readonly keychain: IPluginKeychain;
  readonly batchDocuments: BatchDocuments;
}

export type LedgerOpener = (config: HubConfig, log: FastifyBaseLogger) => Promise<OpenedLedger>;

/**
 * Opens the configured backend's connector and closes it last, after in-flight requests have
 * finished (fastify closes the server before running `onClose` hooks).
 */
export const ledgerPlugin = fp(
  async (app: FastifyInstance, options: { open: LedgerOpener }) => {
    const { ledger, keychain, batchDocuments } = await options.open(app.config, app.log);
    app.decorate(
      'ledger',
      typedLedger(ledger, (fn) => {
        const stop = app.metrics.ledgerSubmit.startTimer({ fn });
        return (error) => {
          if (error === undefined) stop({ outcome: 'committed' });
          else stop({ outcome: error instanceof LedgerRefusal ? 'refused' : 'failed' });
        };
      }),
    );
    app.decorate('keychain', keychain);
    app.decorate('batchDocuments', batchDocuments);
    app.addHook('onClose', async () => {
      await ledger.close();
      await batchDocuments.close();
      app.log.info('ledger closed');
    });
  },
  { name: 'ledger', dependencies: ['config', 'metrics'] },
);
