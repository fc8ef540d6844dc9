import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockLogTamperedError, type EmbeddedPeer } from '../src/embedded';
import { headerBytes } from '../src/embedded/ledger/block-codec';
import { pendingEraseKey, privateKey } from '../src/embedded/ledger/state-keys';
import { StateStore } from '../src/embedded/ledger/state-store';
import {
  COLLECTION,
  filesContaining,
  CHAINCODE,
  member,
  openPeer,
  itemAt,
  removeDir,
  temporaryDir,
  text,
} from './helpers';

const logPath = (dir: string): string => join(dir, 'ledger', 'citytrust', 'blocks.log');

async function populate(dir: string, count: number): Promise<{ txIds: string[]; height: number }> {
  const peer = await openPeer(dir);
  const org1 = await member(peer, 'Org1MSP');
  const txIds: string[] = [];
  for (let i = 0; i < count; i++)
    txIds.push((await org1.contract.submit('put', { arguments: [`key-${i}`, `value-${i}`] })).txId);
  const height = peer.ledgerInfo().height;
  await peer.close();
  return { txIds, height };
}

describe('durability and tamper evidence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await temporaryDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('a restart keeps blocks, state, history, transactions and events, and the chain continues', async () => {
    const { txIds, height } = await populate(dir, 5);
    const peer = await openPeer(dir);
    try {
      const org1 = await member(peer, 'Org1MSP');
      expect(peer.ledgerInfo().height).toBe(height);
      expect(text(await org1.contract.evaluate('get', { arguments: ['key-3'] }))).toBe('value-3');
      expect(
        JSON.parse(text(await org1.contract.evaluate('history', { arguments: ['key-4'] }))),
      ).toHaveLength(1);
      for (const txId of txIds)
        expect((await org1.network.getTransaction(txId))?.validationCode).toBe('VALID');
      const events = org1.network.getChaincodeEvents(CHAINCODE, { startBlock: 0 });
      const seen: string[] = [];
      for await (const event of events) {
        seen.push(event.transactionId);
        if (seen.length === txIds.length) break;
      }
      expect(seen).toEqual(txIds);
      const next = await org1.contract.submit('put', { arguments: ['after-restart', 'yes'] });
      expect(next.blockNumber).toBe(height);
      const block = await org1.network.getBlock(height);
      const previous = await org1.network.getBlock(height - 1);
      expect(block.header.previousHash).toBe(
        createHash('sha256').update(headerBytes(previous.header)).digest('hex'),
      );
    } finally {
      await peer.close();
    }
  });

  it.each([
    ['the first block', (size: number) => Math.floor(size * 0.05)],
    ['a middle block', (size: number) => Math.floor(size / 2)],
    ['the last block', (size: number) => size - 40],
  ])('a byte flipped in %s makes open refuse the log', async (_where, position) => {
    await populate(dir, 6);
    const file = logPath(dir);
    const bytes = await readFile(file);
    const at = position(bytes.length);
    bytes[at] = itemAt(bytes, at) ^ 0x20;
    await writeFile(file, bytes);
    await expect(openPeer(dir)).rejects.toBeInstanceOf(BlockLogTamperedError);
  });

  it('a log cut short of committed blocks is refused', async () => {
    await populate(dir, 4);
    const { size } = await stat(logPath(dir));
    await truncate(logPath(dir), size - 10);
    await expect(openPeer(dir)).rejects.toThrow(/verifies only/);
  });

  it('an interrupted append after the last committed block is discarded, never served', async () => {
    const { height } = await populate(dir, 3);
    const handle = await open(logPath(dir), 'a');
    await handle.write(Buffer.from([0, 0, 4, 0, 1, 2, 3]));
    await handle.close();
    const peer = await openPeer(dir);
    try {
      expect(peer.ledgerInfo().height).toBe(height);
      const org1 = await member(peer, 'Org1MSP');
      expect((await org1.contract.submit('put', { arguments: ['k', 'v'] })).blockNumber).toBe(
        height,
      );
    } finally {
      await peer.close();
    }
    const reopened = await openPeer(dir);
    expect(reopened.ledgerInfo().height).toBe(height + 1);
    await reopened.close();
  });

  it('kill -9 during a write burst: every acknowledged transaction is there after reopen, none half-applied', async () => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', 'write-burst.ts'), dir],
      {
        cwd: join(__dirname, '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acked = new Map<string, { txId: string; blockNumber: number }>();
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const [tag, txId, block, key] = line.split(' ');
          if (tag !== 'ACK') continue;
          if (txId === undefined || block === undefined || key === undefined) {
            reject(new Error(`malformed acknowledgement: ${line}`));
            return;
          }
          acked.set(key, { txId, blockNumber: Number(block) });
        }
        if (acked.size >= 400) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') resolve();
        else reject(new Error(`child exited ${code}: ${errors}`));
      });
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(acked.size).toBeGreaterThanOrEqual(400);

    const peer: EmbeddedPeer = await openPeer(dir);
    try {
      const org1 = await member(peer, 'Org1MSP');
      for (const [key, { txId, blockNumber }] of acked) {
        const record = await org1.network.getTransaction(txId);
        expect(record).toMatchObject({ validationCode: 'VALID', blockNumber });
        expect(text(await org1.contract.evaluate('get', { arguments: [key] }))).toBe(
          `value-of-${key}`,
        );
      }
      // Every valid transaction in the log has its write applied: nothing half-applied.
      const { height } = peer.ledgerInfo();
      for (let number = 0; number < height; number++) {
        const block = await org1.network.getBlock(number);
        for (const [i, tx] of block.data.entries()) {
          if (block.metadata.validationCodes[i] !== 'VALID') continue;
          const write = itemAt(tx.rwset.writes, 0);
          expect(text(await org1.contract.evaluate('get', { arguments: [write.key] }))).toBe(
            Buffer.from(write.value ?? '', 'base64').toString(),
          );
        }
      }
    } finally {
      await peer.close();
    }
  });
  it('an erase cut short by a crash is redone on open', async () => {
    await populate(dir, 1);
    const leftover = 'leftover-secret-5d1f';
    const store = await StateStore.open(join(dir, 'ledger', 'citytrust', 'state'));
    const stored = privateKey(CHAINCODE, COLLECTION, 'gone');
    // What a crash between a purge block's apply and its erase leaves behind.
    await store.apply([
      { type: 'put', key: stored, value: Buffer.from(leftover) },
      { type: 'del', key: stored },
      {
        type: 'put',
        key: pendingEraseKey(0),
        value: Buffer.from(
          JSON.stringify([{ namespace: CHAINCODE, collection: COLLECTION, key: 'gone' }]),
        ),
      },
    ]);
    await store.close();
    expect((await filesContaining(dir, leftover)).length).toBeGreaterThan(0);

    const peer = await openPeer(dir);
    await peer.close();
    expect(await filesContaining(dir, leftover)).toEqual([]);
    const reopened = await StateStore.open(join(dir, 'ledger', 'citytrust', 'state'));
    expect(await reopened.pendingErases()).toEqual([]);
    await reopened.close();
  });
});
