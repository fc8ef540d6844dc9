import { PluginRegistry } from '@hyperledger/cactus-core';
import type {
  ICactusPlugin,
  IPluginKeychain,
  IPluginLedgerConnector,
} from '@hyperledger/cactus-core-api';
import { EmbeddedLedgerConnector } from './embedded/embedded-connector';
import { EvmConnector } from './evm/evm-connector';
import { evmConnectorOptionsFromEnv } from './evm/evm-connector-options';
import type { BatchMemberProof } from '../modules/certificates/batch-documents';
import type { LedgerBackend, LedgerConnection } from './hub-ledger';

/** What ledger connectors log through; fastify's (pino) logger fits it as it is. */
export interface LedgerLogger {
  info(fields: Readonly<Record<string, unknown>>, message: string): void;
  warn(fields: Readonly<Record<string, unknown>>, message: string): void;
}

/** A backend's connector: the gateway's ledger port and a Cactus ledger connector plugin. */
export type HubLedgerConnector = LedgerConnection &
  IPluginLedgerConnector<unknown, unknown, unknown, unknown>;

export interface ConnectorContext {
  readonly dataDir: string;
  readonly keychain: IPluginKeychain;
  readonly logger?: LedgerLogger;
  /**
   * A batch member's document hash and Merkle proof, as the issuer's side keeps them: the EVM
   * contracts take both at a member's first change (the chaincode needs neither).
   */
  readonly batchMembers?: (id: string) => Promise<BatchMemberProof | undefined>;
}

export type ConnectorFactory = (context: ConnectorContext) => Promise<HubLedgerConnector>;
export type ConnectorFactories = Readonly<Partial<Record<LedgerBackend, ConnectorFactory>>>;

/**
 * The backends this build can run: `evm` reads `HUB_EVM_RPC` and `HUB_EVM_DEPLOYER_KEY`;
 * `fabric` has no connector yet (issue 6).
 */
export const DEFAULT_CONNECTOR_FACTORIES: ConnectorFactories = {
  embedded: (context) => EmbeddedLedgerConnector.open(context),
  evm: async (context) => {
    const connector = new EvmConnector({
      ...evmConnectorOptionsFromEnv(
        { ...process.env, HUB_DATA_DIR: context.dataDir },
        context.keychain,
        context.logger && {
          info: (message: string) => context.logger?.info({}, message),
          warn: (message: string) => context.logger?.warn({}, message),
        },
      ),
      ...(context.batchMembers ? { batchMembers: context.batchMembers } : {}),
    });
    await connector.onPluginInit();
    return connector;
  },
};

export interface LedgerPluginsOptions extends ConnectorContext {
  readonly backend: LedgerBackend;
  /** Defaults to DEFAULT_CONNECTOR_FACTORIES. */
  readonly factories?: ConnectorFactories;
}

export interface LedgerPlugins {
  readonly registry: PluginRegistry;
  readonly ledger: HubLedgerConnector;
  readonly keychain: IPluginKeychain;
}

/** A plugin of the registry that is also the gateway's ledger port. */
export function isHubLedgerConnector(plugin: ICactusPlugin): plugin is HubLedgerConnector {
  const candidate = plugin as Partial<Record<keyof HubLedgerConnector, unknown>>;
  return (
    typeof candidate.backend === 'string' &&
    (['enroll', 'submit', 'evaluate', 'status', 'events', 'close', 'transact'] as const).every(
      (method) => typeof candidate[method] === 'function',
    )
  );
}

/** The registry's ledger connector, as the gateway's ledger port; throws if it has none. */
export function hubLedgerOf(registry: PluginRegistry): HubLedgerConnector {
  const connectors = registry.getPlugins().filter(isHubLedgerConnector);
  const [connector, ...others] = connectors;
  if (!connector || others.length > 0)
    throw new Error(`the plugin registry holds ${connectors.length} ledger connectors, not one`);
  return connector;
}

/**
 * Opens the selected backend's connector and registers it with the keychain in a Cactus
 * plugin registry.
 */
export async function createLedgerPlugins(options: LedgerPluginsOptions): Promise<LedgerPlugins> {
  const factories = options.factories ?? DEFAULT_CONNECTOR_FACTORIES;
  const factory = factories[options.backend];
  if (!factory) {
    const available = Object.keys(factories).join(', ') || 'none';
    throw new Error(
      `no ledger connector for backend "${options.backend}" in this build (available: ${available})`,
    );
  }
  const ledger = await factory({
    dataDir: options.dataDir,
    keychain: options.keychain,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.batchMembers ? { batchMembers: options.batchMembers } : {}),
  });
  try {
    const registry = new PluginRegistry({ plugins: [options.keychain, ledger] });
    return { registry, ledger, keychain: options.keychain };
  } catch (error) {
    await ledger.close();
    throw error;
  }
}
