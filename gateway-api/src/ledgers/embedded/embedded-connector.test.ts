import type { CallName } from '@citytrust/domain';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsensusAlgorithmFamily, isICactusPlugin } from '@hyperledger/cactus-core-api';
import { EmbeddedPeer } from '@citytrust/network';
import { contracts, PERSONAL_COLLECTION } from '@citytrust/chaincode';
import { FileKeychain } from '../../keychain/file-keychain';
import { LedgerRefusal, LedgerUnavailable, type LedgerEvent } from '../hub-ledger';
import type { LedgerLogger } from '../plugin-registry';
import {
  CHAINCODE_NAME,
  EmbeddedLedgerConnector,
  type EmbeddedConnectorOptions,
} from './embedded-connector';
import { identityKeychainKey } from './org-identities';

const GOV = 'city-data-bureau';
const BANK = 'city-bank';
const SECRET = 'embedded-connector-test-secret';

let dataDir: string;
const opened: EmbeddedLedgerConnector[] = [];

async function openLedger(
  options: Partial<EmbeddedConnectorOptions> = {},
): Promise<EmbeddedLedgerConnector> {
  const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
  const ledger = await EmbeddedLedgerConnector.open({ dataDir, keychain, ...options });
  opened.push(ledger);
  return ledger;
}

async function height(ledger: EmbeddedLedgerConnector): Promise<number> {
  return (await ledger.status()).height;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citytrust-embedded-'));
});

afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** An initialized registry with the bank registered as a requester. */
async function registry(ledger: EmbeddedLedgerConnector): Promise<void> {
  await ledger.enroll(GOV);
  await ledger.enroll(BANK);
  await ledger.submit({
    org: GOV,
    fn: 'registry:initialize',
    args: { id: GOV, name: 'City Data Bureau' },
  });
  await ledger.submit({
    org: GOV,
    fn: 'registry:registerOrganization',
    args: { id: BANK, name: 'City Bank', roles: ['REQUESTER'] },
  });
}

describe('EmbeddedLedgerConnector as a Cactus ledger connector', () => {
  it('is a proof-of-authority connector with finality that reports its chaincode', async () => {
    const ledger = await openLedger({ instanceId: 'embedded-1' });
    expect(isICactusPlugin(ledger)).toBe(true);
    expect(ledger.getInstanceId()).toBe('embedded-1');
    expect(await ledger.getConsensusAlgorithmFamily()).toBe(ConsensusAlgorithmFamily.Authority);
    expect(await ledger.hasTransactionFinality()).toBe(true);
    expect(await ledger.deployContract()).toEqual({
      channel: 'citytrust',
      chaincode: CHAINCODE_NAME,
      contracts: ['registry', 'certificates', 'credit', 'authorizations'],
      collections: [PERSONAL_COLLECTION],
    });
  });

  it('transacts as submit does', async () => {
    const ledger = await openLedger();
    await ledger.enroll(GOV);
    const out = await ledger.transact({
      org: GOV,
      fn: 'registry:initialize',
      args: { id: GOV, name: 'City Data Bureau' },
    });
    expect(out).toMatchObject({ result: { id: GOV, roles: ['GOVERNANCE'] }, blockNumber: 0 });
  });
});

describe('EmbeddedLedgerConnector as the HubLedger port', () => {
  it('submits and resolves after commit with result, txId and block number; evaluates', async () => {
    const ledger = await openLedger();
    expect(await ledger.status()).toEqual({ backend: 'embedded', network: 'citytrust', height: 0 });
    await ledger.enroll(GOV);
    const submitted = await ledger.submit({
      org: GOV,
      fn: 'registry:initialize',
      args: { id: GOV, name: 'City Data Bureau' },
    });
    expect(submitted.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(submitted.blockNumber).toBe(0);
    expect(submitted.result).toEqual({
      id: GOV,
      name: 'City Data Bureau',
      roles: ['GOVERNANCE'],
      creditCode: null,
      registeredAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await height(ledger)).toBe(1);
    expect(
      await ledger.evaluate({ org: GOV, fn: 'registry:getOrganization', args: { id: GOV } }),
    ).toEqual(submitted.result);
    expect(await ledger.evaluate({ org: GOV, fn: 'registry:listOrganizations' })).toEqual([
      submitted.result,
    ]);
    expect(await height(ledger)).toBe(1);
  });

  it('maps chaincode refusals to LedgerRefusal with the code, and writes nothing', async () => {
    const ledger = await openLedger();
    await registry(ledger);
    const before = await height(ledger);

    const forbidden = ledger.submit({
      org: BANK,
      fn: 'registry:registerOrganization',
      args: { id: 'rogue-org', name: 'Rogue', roles: ['GOVERNANCE'] },
    });
    await expect(forbidden).rejects.toBeInstanceOf(LedgerRefusal);
    await expect(forbidden).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(forbidden).rejects.toThrow(/^(?!FORBIDDEN: ).+/);

    await expect(
      ledger.submit({
        org: GOV,
        fn: 'registry:registerOrganization',
        args: { id: 'x-org', name: 'X', roles: ['GOVERNANCE'], extra: true },
      }),
    ).rejects.toMatchObject({ name: 'LedgerRefusal', code: 'INVALID_ARGUMENT' });
    await expect(
      ledger.submit({
        org: GOV,
        fn: 'registry:registerOrganization',
        args: { id: BANK, name: 'City Bank', roles: ['REQUESTER'] },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      ledger.evaluate({ org: GOV, fn: 'registry:getOrganization', args: { id: 'nobody' } }),
    ).rejects.toMatchObject({ name: 'LedgerRefusal', code: 'NOT_FOUND' });

    expect(await height(ledger)).toBe(before);
    expect(await ledger.evaluate({ org: GOV, fn: 'registry:listOrganizations' })).toHaveLength(2);
  });

  it('hands transient data to the chaincode (JSON), off the ledger', async () => {
    const ledger = await openLedger();
    await registry(ledger);
    const HOLDER = 'citizen-services';
    await ledger.enroll(HOLDER);
    await ledger.submit({
      org: GOV,
      fn: 'registry:registerOrganization',
      args: { id: HOLDER, name: 'Citizen Services', roles: ['DATA_HOLDER'] },
    });
    await ledger.submit({
      org: GOV,
      fn: 'registry:addDataCategory',
      args: { id: 'tax-records', name: 'tax-records' },
    });
    const day = 24 * 60 * 60 * 1000;
    const authorization = (id: string) => ({
      id,
      subject: {
        type: 'CITIZEN',
        // subjectRef of the pseudonym and salt below
        ref: 'b4830d0ad0066d433eab0af7cc332983ae5c492a5aea87cd5d3881571092dc5d',
      },
      grantee: BANK,
      categories: ['tax-records'],
      purpose: 'loan-assessment',
      legalBasis: 'CONSENT',
      operations: ['READ'],
      validFrom: new Date(Date.now() - day).toISOString(),
      validUntil: new Date(Date.now() + 30 * day).toISOString(),
      consentEvidenceHash: 'f23f42e5449531b099176b75d1fcb9d6c387a980e3d3f22ce2af3109f47a7975',
    });
    const salt = 'c525b10b6aa5248cbbbb0a036855846d';
    const before = await height(ledger);
    await expect(
      ledger.submit({
        org: HOLDER,
        fn: 'authorizations:create',
        args: authorization('AUTH-1'),
        transient: { personal: { pseudonym: 'citizen-9999', salt } },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await height(ledger)).toBe(before);
    const created = await ledger.submit({
      org: HOLDER,
      fn: 'authorizations:create',
      args: authorization('AUTH-1'),
      transient: { personal: { pseudonym: 'citizen-0001', salt } },
    });
    expect(created.result).toMatchObject({ id: 'AUTH-1', status: 'ACTIVE', createdBy: HOLDER });
  });

  it('reports other failures as LedgerUnavailable and refuses a malformed call, writing nothing', async () => {
    const ledger = await openLedger();
    await registry(ledger);
    const before = await height(ledger);
    const unenrolled = ledger.submit({ org: 'never-enrolled', fn: 'registry:listOrganizations' });
    await expect(unenrolled).rejects.toBeInstanceOf(LedgerUnavailable);
    await expect(unenrolled).rejects.toThrow(
      'organization never-enrolled has no ledger identity on this gateway: enroll it first',
    );
    // A name outside the call catalogue is refused before it reaches the peer.
    await expect(
      ledger.submit({ org: GOV, fn: 'registry:noSuchFunction' as CallName }),
    ).rejects.toThrow(new TypeError('registry:noSuchFunction is not a chaincode function'));
    await expect(
      ledger.submit({ org: GOV, fn: 'wallet:initialize' as CallName }),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(ledger.evaluate({ org: GOV, fn: 'registry' as CallName })).rejects.toBeInstanceOf(
      TypeError,
    );
    expect(await height(ledger)).toBe(before);
  });

  it('reuses the same identity after a restart, from the keychain', async () => {
    let ledger = await openLedger();
    await ledger.enroll(GOV);
    const first = await ledger.submit({
      org: GOV,
      fn: 'registry:initialize',
      args: { id: GOV, name: 'City Data Bureau' },
    });
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    const stored = await keychain.get(identityKeychainKey(GOV));
    await ledger.close();
    opened.splice(0);
    // The peer's own copy of the identity goes: only the keychain can give it back.
    await rm(join(dataDir, 'msp', GOV, 'users'), { recursive: true });

    ledger = await openLedger();
    // No enroll needed: a restarted gateway finds the identity in the keychain.
    const second = await ledger.submit({
      org: GOV,
      fn: 'registry:registerOrganization',
      args: { id: BANK, name: 'City Bank', roles: ['REQUESTER'] },
    });
    await ledger.enroll(GOV);
    const reopened = await FileKeychain.open({ dataDir, secret: SECRET });
    expect(await reopened.keychain.get(identityKeychainKey(GOV))).toBe(stored);
    await ledger.close();
    opened.splice(0);

    const peer = await EmbeddedPeer.open({
      dataDir,
      chaincodes: [{ name: CHAINCODE_NAME, contracts, collections: [PERSONAL_COLLECTION] }],
    });
    try {
      const before = await peer.getTransaction(first.txId);
      const after = await peer.getTransaction(second.txId);
      expect(before?.transaction.creator.mspId).toBe(GOV);
      expect(after?.transaction.creator).toEqual(before?.transaction.creator);
    } finally {
      await peer.close();
    }
  });

  it('submits again when a commit loses to a concurrent transaction', async () => {
    const warnings: Record<string, unknown>[] = [];
    const logger: LedgerLogger = { info: () => undefined, warn: (fields) => warnings.push(fields) };
    // A long batch timeout puts concurrent transactions in one block, so they conflict.
    const ledger = await openLedger({ batch: { timeoutMs: 200 }, logger });
    await registry(ledger);
    const roleSets = [['REQUESTER'], ['AUDITOR'], ['DATA_HOLDER'], ['REQUESTER', 'AUDITOR']];
    const results = await Promise.all(
      roleSets.map((roles) =>
        ledger.submit({ org: GOV, fn: 'registry:setRoles', args: { id: BANK, roles } }),
      ),
    );
    expect(new Set(results.map((r) => r.txId)).size).toBe(4);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatchObject({
      fn: 'registry:setRoles',
      validationCode: 'MVCC_READ_CONFLICT',
    });
    const last = results.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
    expect(
      await ledger.evaluate({ org: GOV, fn: 'registry:getOrganization', args: { id: BANK } }),
    ).toMatchObject({ roles: (last.result as { roles: string[] }).roles });
  });

  it('gives up with LedgerUnavailable when the commit keeps conflicting', async () => {
    const ledger = await openLedger({ batch: { timeoutMs: 500 }, maxCommitAttempts: 1 });
    await registry(ledger);
    const outcomes = await Promise.allSettled(
      [['REQUESTER'], ['AUDITOR'], ['DATA_HOLDER']].map((roles) =>
        ledger.submit({ org: GOV, fn: 'registry:setRoles', args: { id: BANK, roles } }),
      ),
    );
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(2);
    for (const outcome of rejected) {
      expect(outcome.reason).toBeInstanceOf(LedgerUnavailable);
      expect((outcome.reason as Error).message).toMatch(
        /lost to concurrent ones 1 times \(last MVCC_READ_CONFLICT\)/,
      );
    }
    const winner = (fulfilled[0] as PromiseFulfilledResult<{ result: { roles: string[] } }>).value;
    expect(
      await ledger.evaluate({ org: GOV, fn: 'registry:getOrganization', args: { id: BANK } }),
    ).toMatchObject({ roles: winner.result.roles });
  });
});

describe('EmbeddedLedgerConnector events', () => {
  async function take(iterator: AsyncIterator<LedgerEvent>, count: number): Promise<LedgerEvent[]> {
    const events: LedgerEvent[] = [];
    while (events.length < count) {
      const next = await iterator.next();
      if (next.done) throw new Error('the stream ended early');
      events.push(next.value);
    }
    return events;
  }

  it('replays committed events from block 0, then follows live ones, until closed', async () => {
    const ledger = await openLedger({ batch: { timeoutMs: 100 } });
    await ledger.enroll(GOV);
    const init = await ledger.submit({
      org: GOV,
      fn: 'registry:initialize',
      args: { id: GOV, name: 'City Data Bureau' },
    });
    // Two writes at once share a block: their events carry their positions in it.
    const pair = await Promise.all(
      ['acme-trading', 'beta-industries'].map((id) =>
        ledger.submit({
          org: GOV,
          fn: 'registry:registerOrganization',
          args: { id, name: id, roles: ['REQUESTER'] },
        }),
      ),
    );
    const [first, second] = pair;
    if (!first || !second) throw new Error('both writes answer');
    expect(first.blockNumber).toBe(second.blockNumber);

    const stream = ledger.events(0);
    const iterator = stream[Symbol.asyncIterator]();
    const replayed = await take(iterator, 3);
    expect(replayed[0]).toEqual({
      name: 'RegistryInitialized',
      payload: { orgId: GOV },
      txId: init.txId,
      blockNumber: init.blockNumber,
      txIndex: 0,
      eventIndex: 0,
    });
    expect(replayed.slice(1).map((e) => [e.name, e.blockNumber])).toEqual([
      ['OrganizationRegistered', first.blockNumber],
      ['OrganizationRegistered', first.blockNumber],
    ]);
    expect(replayed.slice(1).map((e) => e.txIndex)).toEqual([0, 1]);
    // One chaincode event per Fabric transaction: each is its transaction's first.
    expect(replayed.map((e) => e.eventIndex)).toEqual([0, 0, 0]);
    expect(new Set(replayed.slice(1).map((e) => e.txId))).toEqual(new Set(pair.map((p) => p.txId)));
    for (const event of replayed.slice(1)) {
      const id = pair.find((p) => p.txId === event.txId)?.result as { id: string };
      expect(event.payload).toEqual({ orgId: id.id, roles: ['REQUESTER'] });
    }

    const live = take(iterator, 1);
    const setRoles = await ledger.submit({
      org: GOV,
      fn: 'registry:setRoles',
      args: { id: 'acme-trading', roles: ['AUDITOR'] },
    });
    const [event] = await live;
    expect(event).toMatchObject({
      txId: setRoles.txId,
      blockNumber: setRoles.blockNumber,
      txIndex: 0,
      eventIndex: 0,
    });

    stream.close();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('starts at the block asked for', async () => {
    const ledger = await openLedger();
    await registry(ledger);
    const stream = ledger.events(1);
    const [first] = await take(stream[Symbol.asyncIterator](), 1);
    expect(first).toMatchObject({ name: 'OrganizationRegistered', blockNumber: 1 });
    stream.close();
  });

  it('ends open streams when the ledger closes', async () => {
    const ledger = await openLedger();
    await registry(ledger);
    const stream = ledger.events(await height(ledger));
    const seen: LedgerEvent[] = [];
    const loop = (async () => {
      for await (const event of stream) seen.push(event);
    })();
    await ledger.close();
    opened.splice(0);
    await loop;
    expect(seen).toEqual([]);
  });
});
