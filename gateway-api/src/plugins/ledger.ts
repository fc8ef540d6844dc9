import type { IPluginKeychain } from '@hyperledger/cactus-core-api';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { HubConfig } from '../config';
import {
  LedgerRefusal,
  type HubLedger,
  type LedgerCall,
  type SubmittedCall,
} from '../ledgers/hub-ledger';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ledger, as the routes use it: every submit is measured. */
    ledger: HubLedger;
    /** Where organizations' keys are kept (ledger identities, credential signing keys). */
    keychain: IPluginKeychain;
  }
}

export interface OpenedLedger {
  readonly ledger: HubLedger;
  readonly keychain: IPluginKeychain;
}

export type LedgerOpener = (config: HubConfig, log: FastifyBaseLogger) => Promise<OpenedLedger>;

/** The same ledger, with each submit's duration and outcome in `hub_ledger_submit_duration_seconds`. */
function measured(ledger: HubLedger, app: FastifyInstance): HubLedger {
  return {
    backend: ledger.backend,
    enroll: (org) => ledger.enroll(org),
    evaluate: (call) => ledger.evaluate(call),
    status: () => ledger.status(),
    events: (fromBlock) => ledger.events(fromBlock),
    close: () => ledger.close(),
    async submit(call: LedgerCall): Promise<SubmittedCall> {
      const stop = app.metrics.ledgerSubmit.startTimer({ fn: call.fn });
      try {
        const submitted = await ledger.submit(call);
        stop({ outcome: 'committed' });
        return submitted;
      } catch (error) {
        stop({ outcome: error instanceof LedgerRefusal ? 'refused' : 'failed' });
        throw error;
      }
    },
  };
}

/**
 * Opens the configured backend's connector and closes it last, after in-flight requests have
 * finished (fastify closes the server before running `onClose` hooks).
 */
export const ledgerPlugin = fp(
  async (app: FastifyInstance, options: { open: LedgerOpener }) => {
    const { ledger, keychain } = await options.open(app.config, app.log);
    app.decorate('ledger', measured(ledger, app));
    app.decorate('keychain', keychain);
    app.addHook('onClose', async () => {
      await ledger.close();
      app.log.info('ledger closed');
    });
  },
  { name: 'ledger', dependencies: ['config', 'metrics'] },
);
