import type { CallName } from '@citytrust/domain';
import { ConsensusAlgorithmFamily } from '@hyperledger/cactus-core-api';
import {
  type EventStream,
  type LedgerEvent,
  LedgerRefusal,
  type SubmittedCall,
} from '../hub-ledger';
import { EvmConnector } from './evm-connector';
import { InMemoryKeychain } from '../../keychain/in-memory-keychain';
import { evmConnectorOptionsFromEnv } from './evm-connector-options';

const quiet = { info: () => undefined, warn: () => undefined };
const FOUNDER = 'city-data-bureau';
const ISSUER = 'market-regulation';
const BANK = 'city-bank';

async function refusal(attempt: Promise<unknown>): Promise<LedgerRefusal> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof LedgerRefusal) return error;
    throw error;
  }
  throw new Error('the call was not refused');
}

async function take(stream: EventStream, count: number): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = [];
  for await (const event of stream) {
    events.push(event);
    if (events.length === count) break;
  }
  return events;
}

describe("the EVM connector on Hardhat's in-process chain", () => {
  const keychain = new InMemoryKeychain();
  const ledger = new EvmConnector({
    instanceId: 'evm-test',
    keychain,
    log: quiet,
    pollingIntervalMs: 50,
  });
  let initialized: SubmittedCall;
  let registered: SubmittedCall;

  beforeAll(async () => {
    await ledger.onPluginInit();
  });
  afterAll(() => ledger.close());

  it('is a Cactus ledger connector: proof of authority, final transactions', async () => {
    expect(ledger.getInstanceId()).toBe('evm-test');
    expect(ledger.getPackageName()).toBe('@citytrust/gateway-api');
    expect(await ledger.getConsensusAlgorithmFamily()).toBe(ConsensusAlgorithmFamily.Authority);
    expect(await ledger.hasTransactionFinality()).toBe(true);
    const deployment = await ledger.deployment();
    expect(deployment.network).toBe('hardhat');
    expect(deployment.deployer).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(keychain.entries.get('evm:deployer')).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('enrolls an organization once: one key in the keychain, kept on a second enrollment', async () => {
    await ledger.enroll(ISSUER);
    const key = keychain.entries.get(`evm:org:${ISSUER}`);
    expect(key).toMatch(/^0x[0-9a-f]{64}$/);
    await ledger.enroll(ISSUER);
    expect(keychain.entries.get(`evm:org:${ISSUER}`)).toBe(key);
  });

  it('initializes the registry as the founding organization, which takes the deployer account', async () => {
    await ledger.enroll(FOUNDER);
    const before = await ledger.status();
    initialized = await ledger.submit({
      org: FOUNDER,
      fn: 'registry:initialize',
      args: { id: FOUNDER, name: 'City Data Bureau' },
    });
    const deployment = await ledger.deployment();
    expect(initialized.result).toMatchObject({
      id: FOUNDER,
      name: 'City Data Bureau',
      roles: ['GOVERNANCE'],
      creditCode: null,
      account: deployment.deployer,
    });
    expect(initialized.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(initialized.blockNumber).toBeGreaterThanOrEqual(before.height);
    expect(keychain.entries.get(`evm:org:${FOUNDER}`)).toBe(keychain.entries.get('evm:deployer'));
  });

  it('registers an organization: the answer is the chaincode view, with its transaction and block', async () => {
    registered = await ledger.submit({
      org: FOUNDER,
      fn: 'registry:registerOrganization',
      args: { id: ISSUER, name: 'Market Regulation', roles: ['ISSUER', 'CREDIT_AUTHORITY'] },
    });
    expect(registered.result).toMatchObject({
      id: ISSUER,
      name: 'Market Regulation',
      roles: ['ISSUER', 'CREDIT_AUTHORITY'],
      creditCode: null,
    });
    expect(registered.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(registered.txId).not.toBe(initialized.txId);
    expect(registered.blockNumber).toBe((await ledger.status()).height - 1);
  });

  it('evaluates reads as the chaincode answers them, writing nothing', async () => {
    const { height } = await ledger.status();
    const organization = await ledger.evaluate({
      org: ISSUER,
      fn: 'registry:getOrganization',
      args: { id: ISSUER },
    });
    expect(organization).toEqual(registered.result);
    const listed = (await ledger.evaluate({
      org: ISSUER,
      fn: 'registry:listOrganizations',
    })) as { id: string }[];
    expect(listed.map((org) => org.id)).toEqual([FOUNDER, ISSUER]);
    expect((await ledger.status()).height).toBe(height);
  });

  it("refuses with the chaincode's codes and writes nothing", async () => {
    await ledger.enroll(BANK);
    const organizations = await ledger.evaluate({ org: FOUNDER, fn: 'registry:listOrganizations' });
    const { height } = await ledger.status();
    const register = (org: string, args: Record<string, unknown>) =>
      ledger.submit({ org, fn: 'registry:registerOrganization', args });
    const cases: [() => Promise<unknown>, string][] = [
      // not GOVERNANCE: the contract's MissingRole
      [() => register(ISSUER, { id: BANK, name: 'City Bank', roles: ['REQUESTER'] }), 'FORBIDDEN'],
      // the id is taken: the contract's revert, found by the estimate
      [() => register(FOUNDER, { id: ISSUER, name: 'Again', roles: ['ISSUER'] }), 'CONFLICT'],
      // bad input, refused before the chain is asked
      [
        () => register(FOUNDER, { id: BANK, name: 'City Bank', roles: ['BANKER'] }),
        'INVALID_ARGUMENT',
      ],
      [
        () => register(FOUNDER, { id: BANK, name: 'City Bank', roles: [], extra: 1 }),
        'INVALID_ARGUMENT',
      ],
      // once only
      [
        () =>
          ledger.submit({
            org: FOUNDER,
            fn: 'registry:initialize',
            args: { id: FOUNDER, name: 'X' },
          }),
        'CONFLICT',
      ],
      // only the organization itself becomes governance
      [
        () =>
          ledger.submit({ org: BANK, fn: 'registry:initialize', args: { id: FOUNDER, name: 'X' } }),
        'FORBIDDEN',
      ],
      // an organization without a key
      [
        () => register('unknown-org', { id: BANK, name: 'City Bank', roles: ['REQUESTER'] }),
        'FORBIDDEN',
      ],
      // a read of what does not exist
      [
        () =>
          ledger.evaluate({ org: BANK, fn: 'registry:getOrganization', args: { id: 'nobody' } }),
        'NOT_FOUND',
      ],
      // a write asked as a read, and a function the chaincode does not have
      [
        () =>
          ledger.evaluate({
            org: FOUNDER,
            fn: 'registry:addDataCategory',
            args: { id: 'tax', name: 'Tax' },
          }),
        'INVALID_ARGUMENT',
      ],
      [
        () => ledger.submit({ org: FOUNDER, fn: 'registry:dropEverything' as CallName }),
        'INVALID_ARGUMENT',
      ],
    ];
    for (const [attempt, code] of cases) expect((await refusal(attempt())).code).toBe(code);
    expect((await ledger.status()).height).toBe(height);
    expect(await ledger.evaluate({ org: FOUNDER, fn: 'registry:listOrganizations' })).toEqual(
      organizations,
    );
  });

  it('replays events from block 0 in chain order with chaincode names, then live ones', async () => {
    const stream = ledger.events(0);
    const past = await take(stream, 3);
    expect(past).toEqual([
      {
        name: 'RegistryInitialized',
        payload: { orgId: FOUNDER },
        txId: initialized.txId,
        blockNumber: initialized.blockNumber,
        txIndex: 0,
        eventIndex: 0,
      },
      // EVM only: the founder's wiring of the hub, right after the initialization
      expect.objectContaining({
        name: 'ReportRegistryTrusted',
        blockNumber: initialized.blockNumber + 1,
      }),
      {
        name: 'OrganizationRegistered',
        payload: { orgId: ISSUER, roles: ['ISSUER', 'CREDIT_AUTHORITY'] },
        txId: registered.txId,
        blockNumber: registered.blockNumber,
        txIndex: 0,
        eventIndex: 0,
      },
    ]);
    const live = ledger.events((await ledger.status()).height);
    const next = take(live, 2);
    const added = await ledger.submit({
      org: FOUNDER,
      fn: 'registry:addDataCategory',
      args: { id: 'tax-records', name: 'Tax records' },
    });
    const roles = await ledger.submit({
      org: FOUNDER,
      fn: 'registry:setRoles',
      args: { id: ISSUER, roles: ['ISSUER'] },
    });
    expect(await next).toEqual([
      expect.objectContaining({
        name: 'DataCategoryAdded',
        payload: { categoryId: 'tax-records' },
        txId: added.txId,
        blockNumber: added.blockNumber,
      }),
      expect.objectContaining({
        name: 'RolesChanged',
        payload: { orgId: ISSUER, roles: ['ISSUER'] },
        txId: roles.txId,
      }),
    ]);
  });

  it("sends one account's concurrent calls one after another, each committed", async () => {
    const categories = ['social-security', 'household-registration', 'credit-report'];
    const submitted = await Promise.all(
      categories.map((id) =>
        ledger.submit({ org: FOUNDER, fn: 'registry:addDataCategory', args: { id, name: id } }),
      ),
    );
    expect(new Set(submitted.map((call) => call.txId)).size).toBe(3);
    const listed = (await ledger.evaluate({
      org: BANK,
      fn: 'registry:listDataCategories',
    })) as { id: string }[];
    expect(listed.map((category) => category.id)).toEqual(
      expect.arrayContaining([...categories, 'tax-records']),
    );
  });

  it('reports the chain: backend evm, the chain id, blocks so far', async () => {
    const status = await ledger.status();
    expect(status.backend).toBe('evm');
    expect(status.network).toBe('31337');
    const events = ledger.events(status.height - 1);
    const [last] = await take(events, 1);
    expect(last?.blockNumber).toBe(status.height - 1);
  });

  it('takes its settings from the environment', () => {
    const options = evmConnectorOptionsFromEnv(
      {
        HUB_EVM_RPC: 'http://127.0.0.1:8545',
        HUB_EVM_DEPLOYER_KEY: '0x01',
        HUB_DATA_DIR: '/srv/hub',
      },
      keychain,
    );
    expect(options).toMatchObject({
      rpcUrl: 'http://127.0.0.1:8545',
      deployerKey: '0x01',
      deploymentFile: '/srv/hub/evm-deployment.json',
    });
    expect(evmConnectorOptionsFromEnv({}, keychain).rpcUrl).toBeUndefined();
  });
});
