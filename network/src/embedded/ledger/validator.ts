import type { BlockTransaction, ValidationCode } from './block';
import type { KVRead, RangeQueryInfo } from './rwset';
import type { StateStore } from './state-store';
import { hashedKey, stateEnd, stateKey, statePrefix } from './state-keys';
import { compareKeys } from './key-order';
import { decodeVersioned, sameVersion, type Version } from './version';

interface Update {
  readonly version: Version;
  readonly isDelete: boolean;
}

/**
 * Validates a block's transactions in order, as Fabric's committer does: a transaction is
 * VALID only if every version it read (keys, private-data key hashes, and range-query
 * results) is still the committed one, counting the writes of earlier valid transactions
 * of the same block. Duplicate transaction ids are refused.
 */
export async function validateBlock(
  store: StateStore,
  blockNumber: number,
  transactions: readonly BlockTransaction[],
): Promise<ValidationCode[]> {
  const readKeys = new Set<string>();
  for (const tx of transactions) {
    for (const read of tx.rwset.reads) readKeys.add(stateKey(tx.rwset.namespace, read.key));
    for (const set of tx.rwset.collections) {
      for (const read of set.hashedReads)
        readKeys.add(hashedKey(tx.rwset.namespace, set.collection, read.keyHash));
    }
  }
  const keys = [...readKeys];
  const found = await store.getStates(keys);
  const committed = new Map<string, Version | null>(
    keys.map((key, i) => [key, found[i]?.version ?? null]),
  );
  const known = await store.hasTransactions(transactions.map((tx) => tx.txId));

  const updates = new Map<string, Update>();
  const seen = new Set<string>();
  const codes: ValidationCode[] = [];
  for (const [txNumber, tx] of transactions.entries()) {
    const code = await validateTransaction(
      store,
      tx,
      committed,
      updates,
      known[txNumber] || seen.has(tx.txId),
    );
    seen.add(tx.txId);
    codes.push(code);
    if (code !== 'VALID') continue;
    const version = { blockNumber, txNumber };
    const ns = tx.rwset.namespace;
    for (const write of tx.rwset.writes)
      updates.set(stateKey(ns, write.key), { version, isDelete: write.isDelete });
    for (const set of tx.rwset.collections) {
      for (const write of set.hashedWrites) {
        updates.set(hashedKey(ns, set.collection, write.keyHash), {
          version,
          isDelete: write.isDelete,
        });
      }
    }
  }
  return codes;
}

async function validateTransaction(
  store: StateStore,
  tx: BlockTransaction,
  committed: ReadonlyMap<string, Version | null>,
  updates: ReadonlyMap<string, Update>,
  duplicate: boolean,
): Promise<ValidationCode> {
  if (duplicate) return 'DUPLICATE_TXID';
  const ns = tx.rwset.namespace;
  const current = (key: string): Version | null => {
    const update = updates.get(key);
    if (update) return update.isDelete ? null : update.version;
    return committed.get(key) ?? null;
  };
  for (const read of tx.rwset.reads) {
    if (!sameVersion(read.version, current(stateKey(ns, read.key)))) return 'MVCC_READ_CONFLICT';
  }
  for (const set of tx.rwset.collections) {
    for (const read of set.hashedReads) {
      if (!sameVersion(read.version, current(hashedKey(ns, set.collection, read.keyHash))))
        return 'MVCC_READ_CONFLICT';
    }
  }
  for (const query of tx.rwset.rangeQueries) {
    if (await hasPhantom(store, ns, query, updates)) return 'PHANTOM_READ_CONFLICT';
  }
  return 'VALID';
}

/** Re-executes a range query over committed state plus in-block updates and compares results. */
async function hasPhantom(
  store: StateStore,
  ns: string,
  query: RangeQueryInfo,
  updates: ReadonlyMap<string, Update>,
): Promise<boolean> {
  const prefix = statePrefix(ns);
  const gte = prefix + query.startKey;
  const lt = rescanEnd(ns, query);
  if (lt === undefined) return false;
  const current = await committedVersions(store, gte, lt);
  overlayUpdates(current, updates, gte, lt);
  return !matchesReads(current, prefix, query.reads);
}

/**
 * Where the rescan stops: the end of the range if the chaincode read it all, else just past the
 * last key it saw; undefined when it stopped before reading any key, leaving nothing to compare.
 */
function rescanEnd(ns: string, query: RangeQueryInfo): string | undefined {
  if (query.itrExhausted)
    return query.endKey === '' ? stateEnd(ns) : statePrefix(ns) + query.endKey;
  const last = query.reads.at(-1)?.key;
  return last === undefined ? undefined : `${statePrefix(ns)}${last}\u0000`;
}

/** The committed version of every key from `gte` (inclusive) to `lt` (exclusive). */
async function committedVersions(
  store: StateStore,
  gte: string,
  lt: string,
): Promise<Map<string, Version>> {
  const versions = new Map<string, Version>();
  const cursor = store.openRange(gte, lt);
  try {
    for (;;) {
      const batch = await cursor.next(500);
      for (const { key, stored } of batch) versions.set(key, decodeVersioned(stored).version);
      if (batch.length < 500) break;
    }
  } finally {
    await cursor.close();
  }
  return versions;
}

/** Lays the writes of the block's earlier valid transactions within the range over `versions`. */
function overlayUpdates(
  versions: Map<string, Version>,
  updates: ReadonlyMap<string, Update>,
  gte: string,
  lt: string,
): void {
  for (const [key, update] of updates) {
    if (compareKeys(key, gte) < 0 || compareKeys(key, lt) >= 0) continue;
    if (update.isDelete) versions.delete(key);
    else versions.set(key, update.version);
  }
}

/** Whether the rescan found exactly the keys, in order, and the versions the chaincode read. */
function matchesReads(
  versions: ReadonlyMap<string, Version>,
  prefix: string,
  reads: readonly KVRead[],
): boolean {
  if (versions.size !== reads.length) return false;
  const actual = [...versions.entries()].sort(([a], [b]) => compareKeys(a, b));
  return actual.every(([key, version], i) => {
    const read = reads[i];
    return read !== undefined && key === prefix + read.key && sameVersion(version, read.version);
  });
}
