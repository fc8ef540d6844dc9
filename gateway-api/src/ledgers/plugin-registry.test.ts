import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginRegistry } from '@hyperledger/cactus-core';
import { FileKeychain, FILE_KEYCHAIN_PACKAGE, KEYCHAIN_DIR } from '../keychain/file-keychain';
import { EMBEDDED_CONNECTOR_PACKAGE, EmbeddedLedgerConnector } from './embedded/embedded-connector';
import { createLedgerPlugins, hubLedgerOf, type LedgerPlugins } from './plugin-registry';

let dataDir: string;
let plugins: LedgerPlugins | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citytrust-plugins-'));
});

afterEach(async () => {
  await plugins?.ledger.close();
  plugins = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

const openKeychain = async (): Promise<FileKeychain> =>
  (await FileKeychain.open({ dataDir, secret: 'plugin-registry-test' })).keychain;

describe('createLedgerPlugins', () => {
  it('registers the keychain and the embedded connector, and gives the ledger back typed', async () => {
    const keychain = await openKeychain();
    plugins = await createLedgerPlugins({ backend: 'embedded', dataDir, keychain });
    const { registry, ledger } = plugins;

    expect(registry.findOneByKeychainId(keychain.getKeychainId())).toBe(keychain);
    expect(registry.getOneByPackageName(FILE_KEYCHAIN_PACKAGE)).toBe(keychain);
    expect(registry.getOneByPackageName(EMBEDDED_CONNECTOR_PACKAGE)).toBe(ledger);
    expect(registry.getOneById(ledger.getInstanceId())).toBe(ledger);
    expect(ledger).toBeInstanceOf(EmbeddedLedgerConnector);

    const fromRegistry = hubLedgerOf(registry);
    expect(fromRegistry).toBe(ledger);
    expect(await fromRegistry.status()).toEqual({
      backend: 'embedded',
      network: 'citytrust',
      height: 0,
    });
    await fromRegistry.enroll('city-data-bureau');
    const submitted = await fromRegistry.submit({
      org: 'city-data-bureau',
      fn: 'registry:initialize',
      args: { id: 'city-data-bureau', name: 'City Data Bureau' },
    });
    expect(submitted.blockNumber).toBe(0);
  });

  it('refuses a backend with no connector in this build, opening nothing', async () => {
    const keychain = await openKeychain();
    await expect(createLedgerPlugins({ backend: 'fabric', dataDir, keychain })).rejects.toThrow(
      'no ledger connector for backend "fabric" in this build (available: embedded, evm)',
    );
    expect(await readdir(dataDir)).toEqual([KEYCHAIN_DIR]);
  });

  it('uses the factories it is given, so other backends plug in', async () => {
    const keychain = await openKeychain();
    const opened: string[] = [];
    plugins = await createLedgerPlugins({
      backend: 'evm',
      dataDir,
      keychain,
      factories: {
        evm: async (context) => {
          opened.push(context.dataDir);
          return EmbeddedLedgerConnector.open({ ...context, instanceId: 'stand-in-for-evm' });
        },
      },
    });
    expect(opened).toEqual([dataDir]);
    expect(hubLedgerOf(plugins.registry).getInstanceId()).toBe('stand-in-for-evm');
  });

  it('finds no ledger in a registry without one', () => {
    expect(() => hubLedgerOf(new PluginRegistry({ plugins: [] }))).toThrow(
      'the plugin registry holds 0 ledger connectors, not one',
    );
  });
});
