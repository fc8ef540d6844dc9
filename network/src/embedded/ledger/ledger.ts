import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Block, BlockTransaction, ValidationCode } from './block';
import { blockEffects, type PurgedKey } from './block-effects';
import { BlockLogTamperedError, BlockStore } from './block-store';
import type { PrivateWrite } from './rwset';
import {
  pendingEraseKey,
  PENDING_PRIVATE_END,
  PENDING_PRIVATE_PREFIX,
  privateKey,
} from './state-keys';
import { StateStore } from './state-store';
import { validateBlock } from './validator';

/** An endorsed transaction on its way into a block, with its private values beside it. */
export interface EndorsedTransaction {
  readonly tx: BlockTransaction;
  readonly privateWrites: readonly PrivateWrite[];
}

export interface CommittedBlock {
  readonly block: Block;
  readonly hash: string;
}

export interface TransactionRecord {
  readonly blockNumber: number;
  readonly txNumber: number;
  readonly validationCode: ValidationCode;
  readonly transaction: BlockTransaction;
}

/** The ledger failed to write and will not accept more blocks until it is reopened. */
export class LedgerFailedError extends Error {
  override readonly name = 'LedgerFailedError';
}

function needsPrivateData(block: Block): boolean {
  return block.data.some(
    (tx, i) =>
      block.metadata.validationCodes[i] === 'VALID' &&
      tx.rwset.collections.some((c) => c.hashedWrites.some((w) => !w.isDelete)),
  );
}

/**
 * A channel's ledger on one peer: the block log (source of truth) and the state database
 * derived from it. A block is appended and fsynced first (its private values staged with a
 * synced write before that), then its effects are applied in one atomic batch that also
 * moves the savepoint; on open, blocks past the savepoint are replayed, so a crash at any
 * moment leaves no acknowledged block missing and none half-applied.
 */
export class Ledger {
  readonly state: StateStore;
  readonly #blocks: BlockStore;
  readonly #listeners = new Set<(committed: CommittedBlock) => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #failure: Error | undefined;

  private constructor(blocks: BlockStore, state: StateStore) {
    this.#blocks = blocks;
    this.state = state;
  }

  static async open(dir: string): Promise<Ledger> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const blocks = await BlockStore.open(join(dir, 'blocks.log'));
    let state: StateStore | undefined;
    try {
      state = await StateStore.open(join(dir, 'state'));
      await recover(blocks, state);
      return new Ledger(blocks, state);
    } catch (error) {
      await blocks.close();
      await state?.close();
      throw error;
    }
  }

  /** Number of blocks committed. */
  get height(): number {
    return this.#blocks.height;
  }

  get lastBlockHash(): string {
    return this.#blocks.lastHash;
  }

  /** Validates, appends and applies one block; blocks are committed one at a time, in order. */
  commit(transactions: readonly EndorsedTransaction[]): Promise<CommittedBlock> {
    const run = this.#queue.then(() => this.#commit(transactions));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  onCommit(listener: (committed: CommittedBlock) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  readBlock(number: number): Promise<Block> {
    return this.#blocks.readBlock(number);
  }

  async getTransaction(txId: string): Promise<TransactionRecord | undefined> {
    const location = await this.state.txLocation(txId);
    if (!location) return undefined;
    const block = await this.#blocks.readBlock(location.blockNumber);
    const transaction = block.data[location.txNumber];
    if (transaction === undefined)
      throw new Error(
        `${txId} is indexed at ${location.blockNumber}:${location.txNumber}, past its block's end`,
      );
    return { ...location, transaction };
  }

  /** Waits for the block being committed, then closes both stores. */
  async close(): Promise<void> {
    await this.#queue;
    this.#failure ??= new LedgerFailedError('ledger is closed');
    await this.#blocks.close();
    await this.state.close();
  }

  async #commit(transactions: readonly EndorsedTransaction[]): Promise<CommittedBlock> {
    if (this.#failure) throw this.#failure;
    let committed: CommittedBlock;
    let purged: PurgedKey[];
    try {
      const number = this.#blocks.height;
      const codes = await validateBlock(
        this.state,
        number,
        transactions.map((t) => t.tx),
      );
      const privateWrites = transactions.map((t, i) =>
        codes[i] === 'VALID' ? [...t.privateWrites] : [],
      );
      if (privateWrites.some((writes) => writes.length > 0))
        await this.state.stagePrivateWrites(number, privateWrites);
      const { block, hash } = await this.#blocks.append(
        transactions.map((t) => t.tx),
        { validationCodes: codes, cutAt: new Date().toISOString() },
      );
      const effects = blockEffects(block, hash, privateWrites);
      await this.state.apply(effects.operations);
      committed = { block, hash };
      purged = effects.purged;
    } catch (error) {
      // A failed append or apply leaves the outcome to recovery on the next open.
      this.#failure = new LedgerFailedError(
        `ledger stopped after a failed commit: ${(error as Error).message}`,
      );
      throw this.#failure;
    }
    // The block is committed from here on; nothing below may report it as failed.
    for (const listener of this.#listeners) {
      try {
        listener(committed);
      } catch {
        // a subscriber's failure is its own
      }
    }
    // An erase that fails stays pending in the state and is redone on the next open.
    await erasePurged(this.state, pendingEraseKey(committed.block.header.number), purged).catch(
      () => undefined,
    );
    return committed;
  }
}

async function erasePurged(
  state: StateStore,
  marker: string,
  purged: readonly PurgedKey[],
): Promise<void> {
  if (purged.length === 0) return;
  await eraseKeys(state, purged);
  await state.clearPendingErase(marker);
}

async function eraseKeys(state: StateStore, purged: readonly PurgedKey[]): Promise<void> {
  // Staged private writes of earlier blocks held the value too.
  const ranges: Array<[string, string]> = [[PENDING_PRIVATE_PREFIX, PENDING_PRIVATE_END]];
  for (const { namespace, collection, key } of purged) {
    const stored = privateKey(namespace, collection, key);
    ranges.push([stored, stored]);
  }
  await state.erase(ranges);
}

async function recover(blocks: BlockStore, state: StateStore): Promise<void> {
  const savepoint = await state.savepoint();
  const applied = savepoint?.blockNumber ?? -1;
  if (applied >= blocks.height) {
    throw new BlockLogTamperedError(
      `state was committed up to block ${applied} but the block log verifies only ${blocks.height} blocks`,
    );
  }
  if (savepoint && (await blocks.blockHash(applied)) !== savepoint.blockHash) {
    throw new BlockLogTamperedError(
      `block ${applied} is not the block the state was committed from`,
    );
  }
  // Whatever follows the last valid record was never applied, hence never acknowledged.
  await blocks.discardTail();
  for (let number = applied + 1; number < blocks.height; number++) {
    const block = await blocks.readBlock(number);
    const staged = await state.stagedPrivateWrites(number);
    if (!staged && needsPrivateData(block)) {
      throw new BlockLogTamperedError(
        `private data of block ${number} is missing; cannot replay it`,
      );
    }
    const { operations } = blockEffects(block, await blocks.blockHash(number), staged ?? []);
    await state.apply(operations);
  }
  await state.discardStagedAfter(blocks.height - 1);
  for (const { marker, purged } of await state.pendingErases()) {
    await erasePurged(state, marker, purged as PurgedKey[]);
  }
}
