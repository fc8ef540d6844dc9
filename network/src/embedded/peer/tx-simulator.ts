import { sha256Hex } from '../crypto/hash';
import type {
  CollectionHashedRwSet,
  HashedRead,
  HashedWrite,
  KVRead,
  KVWrite,
  NsRwSet,
  PrivateWrite,
  RangeQueryInfo,
} from '../ledger/rwset';
import type { HistoryEntry, RangeCursor, StateStore } from '../ledger/state-store';
import { privateEnd, privatePrefix, stateEnd, statePrefix } from '../ledger/state-keys';
import { compareKeys } from '../ledger/key-order';
import { decodeVersioned } from '../ledger/version';

/** A chaincode request the simulator refuses; the message reaches the chaincode as Fabric's would. */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}

export interface SimulationResult {
  readonly rwset: NsRwSet;
  readonly privateWrites: PrivateWrite[];
}

export interface QueryResultKV {
  readonly key: string;
  readonly value: Buffer;
}

export interface QueryPage {
  readonly results: QueryResultKV[];
  readonly hasMore: boolean;
}

interface OpenQuery {
  readonly cursor: RangeCursor;
  readonly prefixLength: number;
  readonly info?: { startKey: string; endKey: string; reads: KVRead[]; exhausted: boolean };
  remaining: number;
  fetched: number;
  exhausted: boolean;
  done: boolean;
}

/** An opened range query; a paginated one also has its bookmark and how many it fetched. */
export interface OpenedRange {
  readonly id: string;
  readonly page: QueryPage;
  readonly bookmark?: string;
  readonly fetched?: number;
}

/** Results returned per QUERY_STATE_NEXT, like the peer's internal result limit. */
export const QUERY_BATCH = 100;

/**
 * Simulates one transaction against committed state, recording what Fabric's
 * lockBasedTxSimulator records: versioned reads, writes, range-query results for phantom
 * detection, and private data as hashes (values kept aside, never in the block).
 * As on Fabric, a transaction does not read its own writes.
 */
export class TxSimulator {
  readonly #store: StateStore;
  readonly #ns: string;
  readonly #isCollectionDefined: (collection: string) => boolean;
  readonly #reads = new Map<string, KVRead>();
  readonly #writes = new Map<string, KVWrite>();
  readonly #rangeQueries: RangeQueryInfo[] = [];
  readonly #hashedReads = new Map<string, Map<string, HashedRead>>();
  readonly #hashedWrites = new Map<string, Map<string, HashedWrite>>();
  readonly #privateWrites = new Map<string, PrivateWrite>();
  readonly #queries = new Map<string, OpenQuery>();
  #nextQueryId = 0;
  #paginatedQueryDone = false;
  #done = false;

  constructor(
    store: StateStore,
    namespace: string,
    isCollectionDefined: (collection: string) => boolean,
  ) {
    this.#store = store;
    this.#ns = namespace;
    this.#isCollectionDefined = isCollectionDefined;
  }

  async getState(key: string): Promise<Buffer> {
    this.#assertOpen();
    const found = await this.#store.getState(this.#ns, key);
    if (!this.#reads.has(key)) this.#reads.set(key, { key, version: found?.version ?? null });
    return found?.value ?? Buffer.alloc(0);
  }

  putState(key: string, value: Uint8Array): void {
    this.#assertWritable(key);
    this.#writes.set(key, { key, isDelete: false, value: Buffer.from(value).toString('base64') });
  }

  deleteState(key: string): void {
    this.#assertWritable(key);
    this.#writes.set(key, { key, isDelete: true });
  }

  async getPrivateData(collection: string, key: string): Promise<Buffer> {
    this.#assertCollection(collection);
    const found = await this.#store.getPrivate(this.#ns, collection, key);
    const keyHash = sha256Hex(key);
    const reads = this.#collectionMap(this.#hashedReads, collection);
    if (!reads.has(keyHash)) reads.set(keyHash, { keyHash, version: found?.version ?? null });
    return found?.value ?? Buffer.alloc(0);
  }

  async getPrivateDataHash(collection: string, key: string): Promise<Buffer> {
    this.#assertCollection(collection);
    const keyHash = sha256Hex(key);
    const found = await this.#store.getPrivateHash(this.#ns, collection, keyHash);
    const reads = this.#collectionMap(this.#hashedReads, collection);
    if (!reads.has(keyHash)) reads.set(keyHash, { keyHash, version: found?.version ?? null });
    return found?.value ?? Buffer.alloc(0);
  }

  putPrivateData(collection: string, key: string, value: Uint8Array): void {
    this.#assertCollection(collection);
    this.#assertWritable(key);
    this.#recordPrivateWrite(collection, key, {
      isDelete: false,
      isPurge: false,
      value: Buffer.from(value),
    });
  }

  deletePrivateData(collection: string, key: string): void {
    this.#assertCollection(collection);
    this.#assertWritable(key);
    this.#recordPrivateWrite(collection, key, { isDelete: true, isPurge: false });
  }

  purgePrivateData(collection: string, key: string): void {
    this.#assertCollection(collection);
    this.#assertWritable(key);
    this.#recordPrivateWrite(collection, key, { isDelete: true, isPurge: true });
  }

  /**
   * Opens a range query. Public-state ranges are recorded for phantom detection; a
   * page size makes it a paginated query, which Fabric allows only in read-only transactions.
   */
  async openRange(
    collection: string,
    startKey: string,
    endKey: string,
    pageSize?: number,
    bookmark?: string,
  ): Promise<OpenedRange> {
    this.#assertOpen();
    const paginated = pageSize !== undefined;
    if (paginated) this.#beginPaginatedQuery();
    const start = paginated && bookmark ? bookmark : startKey;
    const { gte, lt } = this.#rangeBounds(collection, start, endKey);
    const id = `q${this.#nextQueryId++}`;
    const query: OpenQuery = {
      cursor: this.#store.openRange(gte, lt),
      prefixLength: gte.length - start.length,
      remaining: paginated ? Math.max(0, pageSize) : Number.POSITIVE_INFINITY,
      fetched: 0,
      exhausted: false,
      done: false,
      ...(collection === '' && !paginated
        ? { info: { startKey, endKey, reads: [], exhausted: false } }
        : {}),
    };
    this.#queries.set(id, query);
    const page = await this.nextPage(id);
    if (!paginated) return { id, page };
    return this.#wholePage(id, query, page);
  }

  /** Fabric allows paginated queries only in read-only transactions. */
  #beginPaginatedQuery(): void {
    if (this.#writes.size > 0 || this.#privateWrites.size > 0) {
      throw new SimulationError(
        'txSimulator does not support paginated queries in update transactions',
      );
    }
    this.#paginatedQueryDone = true;
  }

  /** The store keys a range of `collection` covers ('' is public state). */
  #rangeBounds(collection: string, start: string, endKey: string): { gte: string; lt: string } {
    if (collection === '') {
      const prefix = statePrefix(this.#ns);
      return { gte: prefix + start, lt: endKey === '' ? stateEnd(this.#ns) : prefix + endKey };
    }
    this.#assertCollection(collection);
    const prefix = privatePrefix(this.#ns, collection);
    return {
      gte: prefix + start,
      lt: endKey === '' ? privateEnd(this.#ns, collection) : prefix + endKey,
    };
  }

  /** A paginated query's page read to its end, with the bookmark the next page starts from. */
  async #wholePage(id: string, query: OpenQuery, first: QueryPage): Promise<OpenedRange> {
    const results = [...first.results];
    while (!query.done) results.push(...(await this.nextPage(id)).results);
    const next = await nextBookmark(query);
    await this.closeQuery(id);
    return { id, page: { results, hasMore: false }, bookmark: next, fetched: query.fetched };
  }

  async nextPage(id: string): Promise<QueryPage> {
    const query = this.#queries.get(id);
    if (!query) throw new SimulationError(`query iterator not found: ${id}`);
    const want = Math.min(QUERY_BATCH, query.remaining);
    const batch = want > 0 ? await query.cursor.next(want) : [];
    if (batch.length < want) {
      query.exhausted = true;
      if (query.info) query.info.exhausted = true;
    }
    query.remaining -= batch.length;
    query.fetched += batch.length;
    query.done = query.exhausted || query.remaining <= 0;
    const results = batch.map(({ key, stored }) => {
      const decoded = decodeVersioned(stored);
      const shortKey = key.slice(query.prefixLength);
      query.info?.reads.push({ key: shortKey, version: decoded.version });
      return { key: shortKey, value: decoded.value };
    });
    return { results, hasMore: !query.done };
  }

  async closeQuery(id: string): Promise<void> {
    const query = this.#queries.get(id);
    if (!query) return;
    this.#queries.delete(id);
    await query.cursor.close();
    if (query.info) {
      this.#rangeQueries.push({
        startKey: query.info.startKey,
        endKey: query.info.endKey,
        itrExhausted: query.info.exhausted,
        reads: query.info.reads,
      });
    }
  }

  async history(key: string): Promise<HistoryEntry[]> {
    this.#assertOpen();
    return this.#store.history(this.#ns, key);
  }

  /** Closes open iterators and returns the read/write set, keys in byte order as Fabric sorts them. */
  async finish(): Promise<SimulationResult> {
    for (const id of [...this.#queries.keys()]) await this.closeQuery(id);
    this.#done = true;
    const byKey = <T extends { key: string }>(a: T, b: T) => compareKeys(a.key, b.key);
    const byHash = <T extends { keyHash: string }>(a: T, b: T) => compareKeys(a.keyHash, b.keyHash);
    const collections = new Set([...this.#hashedReads.keys(), ...this.#hashedWrites.keys()]);
    const collectionSets: CollectionHashedRwSet[] = [...collections].sort().map((collection) => ({
      collection,
      hashedReads: [...(this.#hashedReads.get(collection)?.values() ?? [])].sort(byHash),
      hashedWrites: [...(this.#hashedWrites.get(collection)?.values() ?? [])].sort(byHash),
    }));
    return {
      rwset: {
        namespace: this.#ns,
        reads: [...this.#reads.values()].sort(byKey),
        rangeQueries: this.#rangeQueries,
        writes: [...this.#writes.values()].sort(byKey),
        collections: collectionSets,
      },
      privateWrites: [...this.#privateWrites.values()].sort((a, b) =>
        a.collection === b.collection ? byKey(a, b) : compareKeys(a.collection, b.collection),
      ),
    };
  }

  /** Releases iterators without producing a result (simulation failed). */
  async abort(): Promise<void> {
    this.#done = true;
    for (const query of this.#queries.values()) await query.cursor.close();
    this.#queries.clear();
  }

  #recordPrivateWrite(
    collection: string,
    key: string,
    write: { isDelete: boolean; isPurge: boolean; value?: Buffer },
  ): void {
    const keyHash = sha256Hex(key);
    this.#collectionMap(this.#hashedWrites, collection).set(keyHash, {
      keyHash,
      isDelete: write.isDelete,
      isPurge: write.isPurge,
      ...(write.value ? { valueHash: sha256Hex(write.value) } : {}),
    });
    this.#privateWrites.set(`${collection}\u0000${key}`, {
      namespace: this.#ns,
      collection,
      key,
      isDelete: write.isDelete,
      isPurge: write.isPurge,
      ...(write.value ? { value: write.value.toString('base64') } : {}),
    });
  }

  #collectionMap<T>(maps: Map<string, Map<string, T>>, collection: string): Map<string, T> {
    let map = maps.get(collection);
    if (!map) {
      map = new Map();
      maps.set(collection, map);
    }
    return map;
  }

  #assertOpen(): void {
    if (this.#done) throw new SimulationError('transaction simulation has finished');
  }

  #assertWritable(key: string): void {
    this.#assertOpen();
    if (key === '') throw new SimulationError('key must not be an empty string');
    if (this.#paginatedQueryDone) {
      throw new SimulationError(
        'txSimulator does not support paginated queries in update transactions',
      );
    }
  }

  #assertCollection(collection: string): void {
    this.#assertOpen();
    if (!this.#isCollectionDefined(collection)) {
      throw new SimulationError(
        `collection ${collection} is not defined for chaincode ${this.#ns}`,
      );
    }
  }
}

/** Fabric's LevelDB bookmark: the key the next page starts from; empty when there is none. */
async function nextBookmark(query: OpenQuery): Promise<string> {
  if (query.exhausted) return '';
  const [next] = await query.cursor.next(1);
  return next ? next.key.slice(query.prefixLength) : '';
}
