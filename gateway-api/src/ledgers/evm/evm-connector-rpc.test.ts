import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHardhatNode, type HardhatNode } from '../../../test/hardhat-node';
import { EvmConnector } from './evm-connector';
import { InMemoryKeychain } from '../../keychain/in-memory-keychain';

const quiet = { info: () => undefined, warn: () => undefined };

describe('the EVM connector on a JSON-RPC chain', () => {
  let rpcUrl = '';
  const deploymentFile = join(mkdtempSync(join(tmpdir(), 'hub-evm-')), 'evm-deployment.json');
  const keychain = new InMemoryKeychain();
  let node: HardhatNode;

  beforeAll(async () => {
    node = await startHardhatNode();
    rpcUrl = node.url;
  });
  afterAll(() => node.stop());

  const connector = () =>
    new EvmConnector({
      instanceId: 'evm-rpc-test',
      keychain,
      rpcUrl,
      deploymentFile,
      log: quiet,
      pollingIntervalMs: 50,
    });

  it('deploys the hub once, keeps its addresses in the data dir and reuses them on restart', async () => {
    const first = connector();
    const deployed = await first.deployment();
    expect(JSON.parse(readFileSync(deploymentFile, 'utf8'))).toEqual(deployed);
    expect(deployed.network).toBe(`${rpcUrl}/`);
    await first.enroll('city-data-bureau');
    const initialized = await first.submit({
      org: 'city-data-bureau',
      fn: 'registry:initialize',
      args: { id: 'city-data-bureau', name: 'City Data Bureau' },
    });
    await first.close();

    const second = connector();
    expect(await second.deployment()).toEqual(deployed);
    await second.enroll('city-bank');
    const registered = await second.submit({
      org: 'city-data-bureau',
      fn: 'registry:registerOrganization',
      args: { id: 'city-bank', name: 'City Bank', roles: ['REQUESTER'] },
    });
    expect(registered.blockNumber).toBeGreaterThan(initialized.blockNumber);
    const status = await second.status();
    expect(status).toEqual({
      backend: 'evm',
      network: '31337',
      height: registered.blockNumber + 1,
    });
    const listed = (await second.evaluate({
      org: 'city-bank',
      fn: 'registry:listOrganizations',
    })) as { id: string }[];
    // In id order, as Fabric lists composite keys.
    expect(listed.map((org) => org.id)).toEqual(['city-bank', 'city-data-bureau']);
    await second.close();
    await expect(second.status()).rejects.toThrow(/closed/);
  });
});
