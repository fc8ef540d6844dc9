import { ClassicLevel, type Iterator as ClassicLevelIterator } from 'classic-level';
import { compareKeys } from './key-order';
import { decodeVersioned, type Version } from './version';
import type { ValidationCode, TxTimestamp } from './block';
import type { PrivateWrite } from './rwset';
import {
  hashedKey,
  historyPrefix,
  PENDING_PRIVATE_END,
  PENDING_PRIVATE_PREFIX,
  pendingPrivateKey,
  privateKey,
  ERASE_MARKER,
  PENDING_ERASE_END,
  PENDING_ERASE_PREFIX,
  SAVEPOINT_KEY,
  stateKey,
  txKey,
} from './state-keys';

export interface VersionedValue {
  readonly value: Buffer;
  readonly version: Version;
}

export interface HistoryEntry {
  readonly txId: string;
  readonly timestamp: TxTimestamp;
  readonly isDelete: boolean;
  /** Base64 of the value written; empty for deletes. */
  readonly value: string;
}

export interface TxLocation {
  readonly blockNumber: number;
  readonly txNumber: number;
  readonly validationCode: ValidationCode;
}

export interface Savepoint {
  readonly blockNumber: number;
  readonly blockHash: string;
}

export type StateOperation =
  | { readonly type: 'put'; readonly key: string; readonly value: Buffer }
  | { readonly type: 'del'; readonly key: string };

/** Cursor over a key range, read in batches; holds a LevelDB snapshot until closed. */
export interface RangeCursor {
  next(count: number): Promise<Array<{ key: string; stored: Buffer }>>;
  close(): Promise<void>;
}

/**
 * World state, private state, private-data hashes, history index, transaction index and the
 * savepoint (last block applied), in one LevelDB so a block's effects land in one atomic batch.
 */
export class StateStore {
  readonly #db: ClassicLevel<string, Buffer>;
  #openCursors = 0;
  readonly #cursorsClosed: Array<() => void> = [];

  private constructor(db: ClassicLevel<string, Buffer>) {
    this.#db = db;
  }

  static async open(path: string): Promise<StateStore> {
    const db = new ClassicLevel<string, Buffer>(path, {
      keyEncoding: 'utf8',
      valueEncoding: 'buffer',
    });
    await db.open();
    return new StateStore(db);
  }

  async getState(ns: string, key: string): Promise<VersionedValue | undefined> {
    return this.#getVersioned(stateKey(ns, key));
  }

  async getStates(keys: readonly string[]): Promise<Array<VersionedValue | undefined>> {
    const found = await this.#db.getMany([...keys]);
    return found.map((stored) => (stored === undefined ? undefined : decodeVersioned(stored)));
  }

  async getPrivate(
    ns: string,
    collection: string,
    key: string,
  ): Promise<VersionedValue | undefined> {
    return this.#getVersioned(privateKey(ns, collection, key));
  }

  /** The value hash stored for a private key, addressed by the key's hash. */
  async getPrivateHash(
    ns: string,
    collection: string,
    keyHash: string,
  ): Promise<VersionedValue | undefined> {
    return this.#getVersioned(hashedKey(ns, collection, keyHash));
  }

  openRange(gte: string, lt: string): RangeCursor {
    return this.#track(this.#db.iterator({ gte, lt }));
  }

  /** Every committed modification of a key, newest first, as Fabric ≥ 2.0 returns them. */
  async history(ns: string, key: string): Promise<HistoryEntry[]> {
    const prefix = historyPrefix(ns, key);
    const cursor = this.#track(
      this.#db.iterator({ gte: prefix, lt: `${prefix}\uffff`, reverse: true }),
    );
    const entries: HistoryEntry[] = [];
    try {
      for (;;) {
        const batch = await cursor.next(256);
        for (const { stored } of batch)
          entries.push(JSON.parse(stored.toString('utf8')) as HistoryEntry);
        if (batch.length < 256) return entries;
      }
    } finally {
      await cursor.close();
    }
  }

  async txLocation(txId: string): Promise<TxLocation | undefined> {
    const stored = await this.#db.get(txKey(txId));
    return stored === undefined ? undefined : (JSON.parse(stored.toString('utf8')) as TxLocation);
  }

  async hasTransactions(txIds: readonly string[]): Promise<boolean[]> {
    const found = await this.#db.getMany(txIds.map(txKey));
    return found.map((value) => value !== undefined);
  }

  async savepoint(): Promise<Savepoint | undefined> {
    const stored = await this.#db.get(SAVEPOINT_KEY);
    return stored === undefined ? undefined : (JSON.parse(stored.toString('utf8')) as Savepoint);
  }

  /** Stages a block's private writes durably before the block is appended to the log. */
  async stagePrivateWrites(blockNumber: number, writes: readonly PrivateWrite[][]): Promise<void> {
    await this.#db.put(pendingPrivateKey(blockNumber), Buffer.from(JSON.stringify(writes)), {
      sync: true,
    });
  }

  async stagedPrivateWrites(blockNumber: number): Promise<PrivateWrite[][] | undefined> {
    const stored = await this.#db.get(pendingPrivateKey(blockNumber));
    return stored === undefined
      ? undefined
      : (JSON.parse(stored.toString('utf8')) as PrivateWrite[][]);
  }

  /** Removes staged private writes of blocks that never reached the log. */
  async discardStagedAfter(blockNumber: number): Promise<void> {
    const gt = blockNumber < 0 ? PENDING_PRIVATE_PREFIX : pendingPrivateKey(blockNumber);
    await this.#db.clear({ gt, lt: PENDING_PRIVATE_END });
  }

  /**
   * Applies one block's effects atomically and durably. Synced although the block log could
   * rebuild it: LevelDB's log recovery skips a damaged record and keeps later ones, so an
   * unsynced batch lost to a power failure could leave a hole below the savepoint.
   */
  async apply(operations: readonly StateOperation[]): Promise<void> {
    await this.#db.batch([...operations], { sync: true });
  }

  /** Erases recorded by committed blocks and not yet done, each with its marker key. */
  async pendingErases(): Promise<Array<{ marker: string; purged: unknown }>> {
    const pending: Array<{ marker: string; purged: unknown }> = [];
    for await (const [marker, stored] of this.#db.iterator({
      gte: PENDING_ERASE_PREFIX,
      lt: PENDING_ERASE_END,
    })) {
      pending.push({ marker, purged: JSON.parse(stored.toString('utf8')) });
    }
    return pending;
  }

  async clearPendingErase(marker: string): Promise<void> {
    await this.#db.del(marker, { sync: true });
  }

  /**
   * Makes deleted values in the given key ranges physically unrecoverable from the files.
   * A LevelDB delete only shadows a value; compaction drops the shadowed value only when
   * it merges the two, and a manual compaction never rewrites the deepest table it reaches.
   * So: flush (which also retires the write-ahead log), then place a marker table above
   * that deepest table and compact again, which forces the merge.
   */
  async erase(ranges: ReadonlyArray<readonly [string, string]>): Promise<void> {
    if (ranges.length === 0) return;
    // An open iterator holds a snapshot, and LevelDB keeps every value a snapshot can see.
    while (this.#openCursors > 0)
      await new Promise<void>((resolve) => this.#cursorsClosed.push(resolve));
    const low = ranges.reduce((lowest, [from]) => minKey(lowest, from), ERASE_MARKER);
    const high = ranges.reduce((highest, [, to]) => maxKey(highest, to), ERASE_MARKER);
    await this.#db.compactRange(low, high);
    await this.#db.put(ERASE_MARKER, Buffer.alloc(0), { sync: true });
    await this.#db.compactRange(low, high);
    await this.#db.del(ERASE_MARKER, { sync: true });
    await this.#db.compactRange(low, high);
  }

  async close(): Promise<void> {
    await this.#db.close();
  }

  #track(
    iterator: ClassicLevelIterator<ClassicLevel<string, Buffer>, string, Buffer>,
  ): RangeCursor {
    this.#openCursors++;
    let open = true;
    return {
      next: async (count) =>
        (await iterator.nextv(count)).map(([key, stored]) => ({ key, stored })),
      close: async () => {
        if (!open) return;
        open = false;
        try {
          await iterator.close();
        } finally {
          this.#openCursors--;
          if (this.#openCursors === 0)
            for (const resolve of this.#cursorsClosed.splice(0)) resolve();
        }
      },
    };
  }

  async #getVersioned(key: string): Promise<VersionedValue | undefined> {
    const stored = await this.#db.get(key);
    return stored === undefined ? undefined : decodeVersioned(stored);
  }
}

function minKey(a: string, b: string): string {
  return compareKeys(b, a) < 0 ? b : a;
}

function maxKey(a: string, b: string): string {
  return compareKeys(b, a) > 0 ? b : a;
}
