import { ClassicLevel } from 'classic-level';
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
    const iterator = this.#db.iterator({ gte, lt });
    return {
      next: async (count) =>
        (await iterator.nextv(count)).map(([key, stored]) => ({ key, stored })),
      close: () => iterator.close(),
    };
  }

  /** Every committed modification of a key, newest first, as Fabric ≥ 2.0 returns them. */
  async history(ns: string, key: string): Promise<HistoryEntry[]> {
    const prefix = historyPrefix(ns, key);
    const entries: HistoryEntry[] = [];
    for await (const stored of this.#db.values({
      gte: prefix,
      lt: `${prefix}\uffff`,
      reverse: true,
    })) {
      entries.push(JSON.parse(stored.toString('utf8')) as HistoryEntry);
    }
    return entries;
  }

  async txLocation(txId: string): Promise<TxLocation | undefined> {
    const stored = await this.#db.get(txKey(txId));
    return stored === undefined ? undefined : (JSON.parse(stored.toString('utf8')) as TxLocation);
  }

  async hasTransaction(txIds: readonly string[]): Promise<boolean[]> {
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
   * Applies one block's effects atomically. Not fsynced: the block is already durable in the
   * log, and recovery replays every block past the savepoint, so a batch lost to a power
   * failure is rebuilt; a process crash loses nothing LevelDB has accepted.
   */
  async apply(operations: readonly StateOperation[]): Promise<void> {
    await this.#db.batch([...operations]);
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
    const low = [ERASE_MARKER, ...ranges.map(([from]) => from)].sort()[0];
    const high = [ERASE_MARKER, ...ranges.map(([, to]) => to)].sort().at(-1) as string;
    await this.#db.compactRange(low, high);
    await this.#db.put(ERASE_MARKER, Buffer.alloc(0), { sync: true });
    await this.#db.compactRange(low, high);
    await this.#db.del(ERASE_MARKER, { sync: true });
    await this.#db.compactRange(low, high);
  }

  async close(): Promise<void> {
    await this.#db.close();
  }

  async #getVersioned(key: string): Promise<VersionedValue | undefined> {
    const stored = await this.#db.get(key);
    return stored === undefined ? undefined : decodeVersioned(stored);
  }
}
